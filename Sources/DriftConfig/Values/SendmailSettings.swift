/// A `type: sendmail` notifier: the message piped to `path -t -oi`.
public struct SendmailSettings: Sendable, Equatable {
  /// The absolute path of the sendmail program.
  public var path: String
  /// The sender address.
  public var from: String
  /// The recipient addresses.
  public var to: [String]
  /// Seconds sendmail may run before it is killed and the delivery retried.
  public var timeout: Int64

  /// Creates sendmail settings.
  public init(
    path: String = "/usr/sbin/sendmail", from: String, to: [String], timeout: Int64 = 30
  ) {
    self.path = path
    self.from = from
    self.to = to
    self.timeout = timeout
  }
}
