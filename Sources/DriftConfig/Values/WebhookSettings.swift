import Foundation

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

  /// The values that must never be shown: the URL (it may embed a token), the secret, and the
  /// values of credential headers (see ``isCredentialHeader(_:)``). Empty strings are left out.
  public var sensitiveValues: [String] {
    let headerValues = headers.filter { Self.isCredentialHeader($0.key) }.map(\.value)
    return ([url, secret?.value ?? ""] + headerValues + urlParts).filter { !$0.isEmpty }
  }

  /// Chat services whose webhook URLs carry the token in the path.
  public static let tokenHosts: Set<String> = [
    "hooks.slack.com", "discord.com", "discordapp.com", "chat.googleapis.com",
  ]

  /// The parts of the URL that may carry a credential, which a receiver may echo on their own
  /// (`for /hook?token=...`): the password, the query, the path with the query, and the path of
  /// services that put their token there (`hooks.slack.com/services/...`).
  private var urlParts: [String] {
    guard let components = URLComponents(string: url) else { return [] }
    var parts = [components.percentEncodedPassword ?? "", components.password ?? ""]
    if let query = components.percentEncodedQuery, !query.isEmpty {
      parts += [query, components.percentEncodedPath + "?" + query]
    }
    if Self.tokenHosts.contains(components.host?.lowercased() ?? "") {
      parts.append(components.percentEncodedPath)
    }
    return parts
  }

  /// Whether a header's value is a credential, judged by its name (`Authorization`, `Cookie`,
  /// `X-Api-Key`, `X-Auth-Token`...); other headers (`X-Team: ml`) are not.
  public static func isCredentialHeader(_ name: String) -> Bool {
    let lower = name.lowercased()
    return ["authorization", "cookie", "token", "secret", "key", "auth", "password", "session"]
      .contains { lower.contains($0) }
  }

  /// Names the settings without the URL, the secret or header values.
  public var description: String {
    "webhook(headers: \(headers.keys.sorted()), template: \(template?.rawValue ?? "none"), "
      + "timeout: \(timeout)s, tls_verify: \(tlsVerify))"
  }
}
