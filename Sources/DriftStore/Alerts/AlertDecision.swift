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

/// One change of an alert's state, or a re-notification of a firing one (`from == to`).
public struct AlertTransition: Sendable, Equatable {
  /// The rule's name.
  public var rule: String
  /// The feature, or "" for the whole monitor.
  public var feature: String
  /// The state before the window.
  public var from: AlertState
  /// The state after it.
  public var to: AlertState
  /// The rule's severity (`info`, `warning`, `critical`).
  public var severity: String
  /// The notification that told of it, if one did.
  public var notificationID: String?

  /// Creates a transition.
  public init(
    rule: String, feature: String, from: AlertState, to: AlertState, severity: String,
    notificationID: String?
  ) {
    self.rule = rule
    self.feature = feature
    self.from = from
    self.to = to
    self.severity = severity
    self.notificationID = notificationID
  }
}

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

/// What the alert decision sees inside the window's transaction.
public struct AlertContext: Sendable, Equatable {
  /// Every stored alert state of the monitor, read in the transaction.
  public var states: [AlertStateRow]
  /// Whether this record is a new attempt at a window whose earlier attempt failed (the
  /// scheduler's retry), as opposed to a new window or a `backfill --force` replacement.
  public var isRetry: Bool

  /// Creates a context.
  public init(states: [AlertStateRow], isRetry: Bool) {
    self.states = states
    self.isRetry = isRetry
  }
}
