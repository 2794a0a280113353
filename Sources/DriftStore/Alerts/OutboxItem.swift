/// One row of the outbox: a notification to deliver through one notifier.
public struct OutboxItem: Sendable, Equatable {
  /// The notification id, stable across retries (the webhook-id, the Message-ID).
  public var notificationID: String
  /// The notifier name (a key of `notifiers:`).
  public var notifier: String
  /// The monitor's id in the store.
  public var monitorID: Int64
  /// The start of the window that decided the notification (Unix seconds).
  public var windowStart: Int64
  /// The payload: UTF-8 JSON.
  public var payload: [UInt8]
  /// When the row was written (Unix seconds).
  public var createdAt: Int64
  /// Delivery attempts so far.
  public var attempts: Int
  /// When the next attempt is due (Unix seconds).
  public var nextAttemptAt: Int64
  /// Why the last attempt failed, if it did.
  public var lastError: String?
  /// When it was delivered (Unix seconds).
  public var deliveredAt: Int64?
  /// When it was given up on (Unix seconds).
  public var deadAt: Int64?
  /// Why it was given up on.
  public var deadReason: String?

  /// Creates an outbox row.
  public init(
    notificationID: String, notifier: String, monitorID: Int64, windowStart: Int64,
    payload: [UInt8], createdAt: Int64, attempts: Int = 0, nextAttemptAt: Int64,
    lastError: String? = nil, deliveredAt: Int64? = nil, deadAt: Int64? = nil,
    deadReason: String? = nil
  ) {
    self.notificationID = notificationID
    self.notifier = notifier
    self.monitorID = monitorID
    self.windowStart = windowStart
    self.payload = payload
    self.createdAt = createdAt
    self.attempts = attempts
    self.nextAttemptAt = nextAttemptAt
    self.lastError = lastError
    self.deliveredAt = deliveredAt
    self.deadAt = deadAt
    self.deadReason = deadReason
  }
}
