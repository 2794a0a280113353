/// A notification to deliver: its payload, queued once per notifier.
public struct OutboxNotification: Sendable, Equatable {
  /// The stable id (hex SHA-256), the same across retries and restarts.
  public var id: String
  /// The names of the notifiers to deliver it to.
  public var notifiers: [String]
  /// The UTF-8 JSON payload.
  public var payload: [UInt8]

  /// Creates a notification.
  public init(id: String, notifiers: [String], payload: [UInt8]) {
    self.id = id
    self.notifiers = notifiers
    self.payload = payload
  }
}
