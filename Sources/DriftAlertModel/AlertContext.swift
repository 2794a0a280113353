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
