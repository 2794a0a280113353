import DriftAlertModel

/// Where the delivery of one notification to one notifier stands (an `outbox` row).
public struct NotifierDelivery: Sendable, Equatable {
  /// The delivery states.
  public enum Status: String, Sendable, Equatable {
    /// Not delivered yet; the dispatcher will try (again).
    case pending
    /// Accepted by the receiver.
    case delivered
    /// Given up on (dead-lettered).
    case dead
  }

  /// The notifier's name.
  public var notifier: String
  /// The delivery state.
  public var status: Status
  /// Attempts made so far.
  public var attempts: Int
  /// The last failure, if any.
  public var lastError: String?
  /// Why it was given up on, when dead.
  public var deadReason: String?
  /// When it was delivered or given up on, seconds since the epoch.
  public var finishedAt: Int64?

  /// Creates a delivery.
  public init(
    notifier: String, status: Status, attempts: Int, lastError: String? = nil,
    deadReason: String? = nil, finishedAt: Int64? = nil
  ) {
    self.notifier = notifier
    self.status = status
    self.attempts = attempts
    self.lastError = lastError
    self.deadReason = deadReason
    self.finishedAt = finishedAt
  }
}
