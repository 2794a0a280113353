import DriftData

/// Which windows of a monitor are due now, and which fell beyond the catch-up limit.
public struct WindowPlan: Sendable, Equatable {
  /// Windows to evaluate now, oldest first.
  public var due: [Window]
  /// Windows that ended while nothing ran and lie beyond the catch-up limit: recorded as skipped,
  /// never silently lost.
  public var skipped: [Window]
  /// When the next window becomes due (its end plus the delay).
  public var nextDueAt: Int64
}
