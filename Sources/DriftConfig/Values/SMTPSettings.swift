/// How to reach and log in to an SMTP server (`smtp:` of an email notifier).
public struct SMTPSettings: Sendable, Equatable {
  /// Transport security.
  public enum Security: String, Sendable, Equatable, CaseIterable {
    /// Plain connection upgraded with STARTTLS, which is required (the default, port 587).
    case starttls
    /// TLS from the first byte (`smtps://`, port 465).
    case tls
    /// No encryption; only with `allow_insecure: true`.
    case none
  }

  /// Where the password comes from; the password itself is read when the notifier is built.
  public enum PasswordSource: Sendable, Equatable {
    /// `password_file`: the file's content, without a trailing newline.
    case file(String)
    /// `password_env`: the named environment variable.
    case environment(String)
  }

  /// The server's host name.
  public var host: String
  /// The port: 587 for `starttls`, 465 for `tls`, 25 for `none` unless given.
  public var port: Int
  /// Transport security.
  public var security: Security
  /// The login name, or nil to send without AUTH.
  public var username: String?
  /// Where the password comes from (set exactly when `username` is).
  public var password: PasswordSource?
  /// Whether `tls: none` was explicitly allowed.
  public var allowInsecure: Bool
  /// `ca_file`: PEM certificates to trust instead of the system store (a private CA).
  public var caFile: String?

  /// Creates SMTP settings.
  public init(
    host: String, port: Int, security: Security = .starttls, username: String? = nil,
    password: PasswordSource? = nil, allowInsecure: Bool = false, caFile: String? = nil
  ) {
    self.host = host
    self.port = port
    self.security = security
    self.username = username
    self.password = password
    self.allowInsecure = allowInsecure
    self.caFile = caFile
  }
}
