/// A `type: alertmanager` notifier: alerts posted to Prometheus Alertmanager's
/// `/api/v2/alerts`, re-posted while firing so Alertmanager keeps them active.
///
/// A notifier with several URLs becomes one notifier per URL (its own outbox lane), named
/// `NAME#1`, `NAME#2`, ...; the rules that notify `NAME` notify each of them.
public struct AlertmanagerSettings: Sendable, Equatable, CustomStringConvertible {
  /// The Alertmanager's base URL, e.g. `http://127.0.0.1:9093` (`/api/v2/alerts` is appended).
  public var url: String
  /// Seconds a post may take.
  public var timeout: Int64
  /// Seconds between re-posts of the firing alerts; well under Alertmanager's
  /// `resolve_timeout` (5 minutes by default), after which it would resolve them itself.
  public var repeatInterval: Int64
  /// Whether the server's certificate is checked (https).
  public var tlsVerify: Bool

  /// The default re-post interval, seconds.
  public static let defaultRepeatInterval: Int64 = 60

  /// Creates settings.
  public init(
    url: String, timeout: Int64 = 10,
    repeatInterval: Int64 = AlertmanagerSettings.defaultRepeatInterval, tlsVerify: Bool = true
  ) {
    self.url = url
    self.timeout = timeout
    self.repeatInterval = repeatInterval
    self.tlsVerify = tlsVerify
  }

  /// The endpoint alerts are posted to.
  public var alertsURL: String {
    (url.hasSuffix("/") ? String(url.dropLast()) : url) + "/api/v2/alerts"
  }

  /// No URL in descriptions: it may carry a credential.
  public var description: String {
    "alertmanager(timeout: \(timeout)s, repeat: \(repeatInterval)s, tls_verify: \(tlsVerify))"
  }
}
