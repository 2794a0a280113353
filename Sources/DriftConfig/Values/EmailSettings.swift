/// A `type: email` notifier: one message per notification through an SMTP server.
public struct EmailSettings: Sendable, Equatable {
  /// The SMTP server.
  public var smtp: SMTPSettings
  /// The sender address.
  public var from: String
  /// The recipient addresses.
  public var to: [String]
  /// Seconds one delivery may take, connecting included.
  public var timeout: Int64

  /// Creates email settings.
  public init(smtp: SMTPSettings, from: String, to: [String], timeout: Int64 = 30) {
    self.smtp = smtp
    self.from = from
    self.to = to
    self.timeout = timeout
  }
}
