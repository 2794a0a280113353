import DriftData

/// What the planner needs to know of a stored window.
public struct StoredWindow: Sendable, Equatable {
  /// Whether the window failed and may be tried again.
  public var retryable: Bool
  /// When the next attempt may start, for retryable windows.
  public var nextAttemptAt: Int64?

  /// Creates a stored window state.
  public init(retryable: Bool, nextAttemptAt: Int64?) {
    self.retryable = retryable
    self.nextAttemptAt = nextAttemptAt
  }
}
