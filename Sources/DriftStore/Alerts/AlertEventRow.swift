import DriftAlertModel

/// One stored alert transition with the delivery of its notification, for `driftwatch alerts`.
public struct AlertEventRow: Sendable, Equatable {
  /// The monitor's name.
  public var monitor: String
  /// The rule's name.
  public var rule: String
  /// The feature, or "" for the whole monitor.
  public var feature: String
  /// Start of the window that decided it.
  public var windowStart: Int64
  /// The state before.
  public var from: AlertState
  /// The state after (equal to `from` for a re-notification).
  public var to: AlertState
  /// The rule's severity.
  public var severity: String
  /// The notification that told of it, if any.
  public var notificationID: String?
  /// When it was decided, seconds since the epoch.
  public var createdAt: Int64
  /// Delivery of the notification to each notifier, sorted by notifier name.
  public var deliveries: [NotifierDelivery]

  /// Creates a row.
  public init(
    monitor: String, rule: String, feature: String, windowStart: Int64, from: AlertState,
    to: AlertState, severity: String, notificationID: String?, createdAt: Int64,
    deliveries: [NotifierDelivery]
  ) {
    self.monitor = monitor
    self.rule = rule
    self.feature = feature
    self.windowStart = windowStart
    self.from = from
    self.to = to
    self.severity = severity
    self.notificationID = notificationID
    self.createdAt = createdAt
    self.deliveries = deliveries
  }
}
