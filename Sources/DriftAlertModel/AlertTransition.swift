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
