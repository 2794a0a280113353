/// The stored state of one alert: a row of `alert_state`.
public struct AlertStateRow: Sendable, Equatable {
  /// The rule's name.
  public var rule: String
  /// The feature, or "" for a rule over the whole monitor.
  public var feature: String
  /// The state.
  public var state: AlertState
  /// Consecutive windows the condition has held (0 when it does not).
  public var consecutive: Int
  /// Start of the window that moved the alert into `state`.
  public var since: Int64
  /// Start of the newest window that advanced this alert.
  public var lastWindowStart: Int64
  /// Window end (seconds since the epoch) of the last notification sent about it, if any.
  public var lastNotifiedAt: Int64?

  /// Creates a state row.
  public init(
    rule: String, feature: String, state: AlertState, consecutive: Int, since: Int64,
    lastWindowStart: Int64, lastNotifiedAt: Int64? = nil
  ) {
    self.rule = rule
    self.feature = feature
    self.state = state
    self.consecutive = consecutive
    self.since = since
    self.lastWindowStart = lastWindowStart
    self.lastNotifiedAt = lastNotifiedAt
  }
}
