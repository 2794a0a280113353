/// How the daemon runs (the `daemon:` section).
public struct DaemonSettings: Sendable, Equatable {
  /// How many monitors may evaluate windows at the same time (default 2: the statistics are
  /// CPU-bound and a small server has few cores to spare).
  public var maxConcurrentMonitors: Int
  /// Seconds between checks for windows that became due (default 30).
  public var tick: Int64

  /// The default number of monitors evaluated at once.
  public static let defaultMaxConcurrentMonitors = 2
  /// The default seconds between checks for due windows.
  public static let defaultTick: Int64 = 30

  /// Creates daemon settings; every parameter has the documented default.
  public init(
    maxConcurrentMonitors: Int = DaemonSettings.defaultMaxConcurrentMonitors,
    tick: Int64 = DaemonSettings.defaultTick
  ) {
    self.maxConcurrentMonitors = maxConcurrentMonitors
    self.tick = tick
  }
}
