import AsyncHTTPClient
import DriftConfig
import Foundation

/// Delivers notifications to one Prometheus Alertmanager (`type: alertmanager`): each outbox
/// row becomes `POST {url}/api/v2/alerts` with the alerts of its payload
/// (``AlertmanagerAlert/alerts(payload:now:)``). 2xx is delivered; 5xx, 429 and network errors
/// are retried with the dispatcher's backoff; other answers are dead letters.
public struct AlertmanagerNotifier: Notifier {
  /// The notifier's settings.
  public let settings: AlertmanagerSettings
  let transport: WebhookTransport
  let now: @Sendable () -> Int64

  /// Seconds a post may take.
  public var timeout: Int64 { settings.timeout }

  /// Creates the notifier.
  ///
  /// - Parameters:
  ///   - settings: The Alertmanager's URL and limits.
  ///   - transport: The shared HTTP clients.
  ///   - now: Seconds since the epoch (resolved alerts never end after it).
  public init(
    settings: AlertmanagerSettings, transport: WebhookTransport,
    now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
  ) {
    self.settings = settings
    self.transport = transport
    self.now = now
  }

  /// Posts the alerts of one outbox row.
  public func deliver(id: String, payload: [UInt8]) async -> DeliveryOutcome {
    let alerts = AlertmanagerAlert.alerts(payload: payload, now: now())
    guard !alerts.isEmpty else {
      return .delivered("nothing to post (no firing or resolved alert)")
    }
    return await post(alerts)
  }

  /// Posts `alerts` (a delivery, or a re-post of the firing ones).
  func post(_ alerts: [AlertmanagerAlert]) async -> DeliveryOutcome {
    var request = HTTPClientRequest(url: settings.alertsURL)
    request.method = .POST
    request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
    request.headers.replaceOrAdd(name: "User-Agent", value: "driftwatch")
    request.body = .bytes(AlertmanagerAlert.body(alerts))
    let secrets = [settings.url]
    do {
      let client = transport.client(verifyingCertificates: settings.tlsVerify)
      guard
        let answer = try await WebhookNotifier.exchange(
          request, client: client, timeout: settings.timeout)
      else { return .retry(after: nil, reason: "timed out") }
      return WebhookNotifier.outcome(
        status: answer.status, body: WebhookNotifier.redacting(secrets, in: answer.body),
        retryAfter: answer.retryAfter, now: Date())
    } catch {
      return .retry(
        after: nil,
        reason: WebhookNotifier.describe(error, hiding: settings.url))
    }
  }
}
