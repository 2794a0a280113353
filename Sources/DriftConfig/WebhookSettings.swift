/// A `type: webhook` notifier: an HTTP POST of the alert payload.
public struct WebhookSettings: Sendable, Equatable, CustomStringConvertible {
  /// How the body is shaped.
  public enum Template: String, Sendable, Equatable, CaseIterable {
    /// `{"text": "..."}`, which Slack, Mattermost and Rocket.Chat incoming webhooks accept.
    case slack
  }

  /// The `http` or `https` URL to post to. It may embed a token (Slack URLs do): never logged.
  public var url: String
  /// The Standard Webhooks signing secret, `whsec_<base64>` or plain text; nil: no signature.
  public var secret: NotifierSecret?
  /// Seconds one request may take, connecting included.
  public var timeout: Int64
  /// Extra request headers (e.g. `Authorization`); values may be secrets and are never logged.
  public var headers: [String: String]
  /// nil: the driftwatch JSON payload as is.
  public var template: Template?
  /// Whether the server certificate is verified (on unless `tls_verify: false`).
  public var tlsVerify: Bool

  /// Creates webhook settings.
  public init(
    url: String, secret: NotifierSecret? = nil, timeout: Int64 = 10,
    headers: [String: String] = [:], template: Template? = nil, tlsVerify: Bool = true
  ) {
    self.url = url
    self.secret = secret
    self.timeout = timeout
    self.headers = headers
    self.template = template
    self.tlsVerify = tlsVerify
  }

  /// Names the settings without the URL, the secret or header values.
  public var description: String {
    "webhook(headers: \(headers.keys.sorted()), template: \(template?.rawValue ?? "none"), "
      + "timeout: \(timeout)s, tls_verify: \(tlsVerify))"
  }
}
