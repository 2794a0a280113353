import DriftData

/// When a monitor evaluates windows (`schedule:`).
public struct Schedule: Sendable, Equatable {
  /// The window length, aligned in UTC.
  public var window: WindowSize
  /// Seconds to wait after a window ends before evaluating it, for late data (default 0).
  public var delay: Int64
  /// Windows with fewer target rows are recorded as skipped, not tested (default 100).
  public var minRows: Int
  /// How many missed windows to evaluate after downtime, newest last (default 24).
  public var catchUp: Int

  /// The default delay after a window's end, in seconds.
  public static let defaultDelay: Int64 = 0
  /// The default minimum number of rows in a window.
  public static let defaultMinRows = 100
  /// The default number of missed windows caught up.
  public static let defaultCatchUp = 24

  /// Creates a schedule; every parameter but `window` has the documented default.
  public init(
    window: WindowSize, delay: Int64 = Schedule.defaultDelay,
    minRows: Int = Schedule.defaultMinRows,
    catchUp: Int = Schedule.defaultCatchUp
  ) {
    self.window = window
    self.delay = delay
    self.minRows = minRows
    self.catchUp = catchUp
  }
}
