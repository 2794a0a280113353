import DriftData

/// What the store holds about one window, for the scheduler: done, or to be retried when.
public struct WindowState: Sendable, Equatable {
  /// The window.
  public var window: Window
  /// The stored outcome.
  public var status: RunStatus
  /// Evaluation attempts so far (0 for a window only recorded as skipped).
  public var attempts: Int
  /// For a failed window: when to try again, seconds since the epoch.
  public var nextAttemptAt: Int64?

  /// Creates a state.
  public init(window: Window, status: RunStatus, attempts: Int, nextAttemptAt: Int64?) {
    self.window = window
    self.status = status
    self.attempts = attempts
    self.nextAttemptAt = nextAttemptAt
  }
}
