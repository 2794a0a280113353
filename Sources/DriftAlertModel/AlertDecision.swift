/// What the alert rules decided about one window: written with the window in one transaction.
public struct AlertDecision: Sendable, Equatable {
  /// Alert states to upsert (only the ones the window touched).
  public var states: [AlertStateRow]
  /// Transitions (and re-notifications) to append to `alert_events`.
  public var events: [AlertTransition]
  /// Notifications to queue: one outbox row per notifier of each.
  public var notifications: [OutboxNotification]

  /// Nothing to write.
  public static let none = AlertDecision(states: [], events: [], notifications: [])

  /// Creates a decision.
  public init(
    states: [AlertStateRow], events: [AlertTransition], notifications: [OutboxNotification]
  ) {
    self.states = states
    self.events = events
    self.notifications = notifications
  }
}
