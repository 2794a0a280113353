import AsyncHTTPClient

/// The HTTP clients every webhook notifier shares: one that verifies certificates and one for
/// the notifiers configured with `tls_verify: false`. Shut it down once, after the dispatcher.
public final class WebhookTransport: Sendable {
  /// Verifies server certificates against the system trust store (the default).
  let verifying: HTTPClient
  /// Accepts any certificate (`tls_verify: false`).
  let insecure: HTTPClient

  /// Creates both clients on the shared event loop group.
  public init() {
    verifying = HTTPClient(eventLoopGroupProvider: .singleton)
    insecure = HTTPClient(
      eventLoopGroupProvider: .singleton,
      configuration: HTTPClient.Configuration(certificateVerification: .none))
  }

  /// The client for a notifier.
  func client(verifyingCertificates: Bool) -> HTTPClient {
    verifyingCertificates ? verifying : insecure
  }

  /// Closes every connection; call once, when no delivery is running.
  public func shutdown() async throws {
    try await verifying.shutdown()
    try await insecure.shutdown()
  }
}
