/// What one pass over the due outbox rows did.
public struct DeliveryPass: Sendable, Equatable {
  /// One row's attempt.
  public struct Attempt: Sendable, Equatable {
    /// The notification id.
    public var notificationID: String
    /// The notifier name.
    public var notifier: String
    /// What happened.
    public var outcome: DeliveryOutcome
  }

  /// Every attempt, in no particular order across notifiers.
  public var attempts: [Attempt] = []
  /// Rows dead-lettered without an attempt: too old, or for a notifier no longer configured.
  public var expired = 0
  /// Due rows left for a later pass because their notifier is backing off.
  public var deferred = 0
  /// A store failure that ended the pass early, if any.
  public var storeError: String?

  /// Attempts that delivered.
  public var delivered: Int {
    attempts.filter { if case .delivered = $0.outcome { true } else { false } }.count
  }
  /// Attempts to be retried.
  public var retried: Int {
    attempts.filter { if case .retry = $0.outcome { true } else { false } }.count
  }
  /// Attempts that failed permanently.
  public var dead: Int {
    attempts.filter { if case .dead = $0.outcome { true } else { false } }.count
  }
}
