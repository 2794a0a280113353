import AsyncHTTPClient

/// The HTTP clients every webhook notifier shares: one that verifies certificates and one for
/// the notifiers configured with `tls_verify: false`. Shut it down once, after the dispatcher.
///
/// The clients are created on first use, so a daemon without webhook notifiers never starts the
/// HTTP stack (its event loop threads and their memory).
///
/// Neither client follows redirects: AsyncHTTPClient would turn the POST of a 301/302 into a
/// bodiless GET, so a redirect to any page answering 200 would count as delivered without the
/// alert arriving; and a redirect may send the signature and the configured headers (only
/// `Authorization` and `Cookie` are dropped across origins) to another host. A 3xx answer is a
/// permanent refusal instead, whose reason says to configure the final URL.
public final class WebhookTransport: Sendable {
  private let clients = LockedValue<(verifying: HTTPClient?, insecure: HTTPClient?)>((nil, nil))

  /// Creates the transport; no client exists until a webhook is sent.
  public init() {}

  /// The client for a notifier, created on the shared event loop group when first asked for.
  func client(verifyingCertificates: Bool) -> HTTPClient {
    clients.withLock { clients in
      if verifyingCertificates {
        if let client = clients.verifying { return client }
        let client = HTTPClient(
          eventLoopGroupProvider: .singleton,
          configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        clients.verifying = client
        return client
      }
      if let client = clients.insecure { return client }
      let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(
          certificateVerification: .none, redirectConfiguration: .disallow))
      clients.insecure = client
      return client
    }
  }

  /// Closes every connection of the clients that were created; call once, when no delivery is
  /// running.
  public func shutdown() async throws {
    let created = clients.withLock { clients in
      defer { clients = (nil, nil) }
      return [clients.verifying, clients.insecure].compactMap { $0 }
    }
    for client in created { try await client.shutdown() }
  }
}
