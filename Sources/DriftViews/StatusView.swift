import DriftConfig
import DriftDaemon
import DriftData
import DriftStore

/// One monitor's status as `driftwatch status --format json` prints it and
/// `GET /api/v1/monitors` answers it: the same values from the same code.
public struct StatusView: Sendable {
  /// The monitor's configuration.
  public var monitor: MonitorConfiguration
  /// What the store holds for it; nil when no window was stored yet.
  public var status: MonitorStatus?
  /// The time the view is computed at (seconds since the epoch), for the next due window.
  public var now: Int64

  /// Creates a view.
  public init(monitor: MonitorConfiguration, status: MonitorStatus?, now: Int64) {
    self.monitor = monitor
    self.status = status
    self.now = now
  }

  /// The next window to become due after the last complete one.
  public var nextDue: Window {
    let schedule = monitor.schedule
    let last = WindowPlanner.lastComplete(size: schedule.window, delay: schedule.delay, now: now)
    return Window(start: last.end, end: schedule.window.end(ofWindowStartingAt: last.end))
  }

  /// How many stored windows ended with `status`.
  public func count(_ status: RunStatus) -> Int { self.status?.counts[status] ?? 0 }

  /// The views of every configured monitor, in configuration order.
  ///
  /// - Parameters:
  ///   - configuration: The loaded configuration.
  ///   - store: The history database (read only).
  ///   - now: Seconds since the epoch.
  /// - Throws: ``StoreError`` when the store cannot be read.
  public static func all(configuration: Configuration, store: DriftStore, now: Int64)
    throws(StoreError) -> [StatusView]
  {
    let stored = Dictionary(
      try store.status().map { ($0.monitor, $0) }, uniquingKeysWith: { first, _ in first })
    return configuration.monitors.map {
      StatusView(monitor: $0, status: stored[$0.name], now: now)
    }
  }

  /// The JSON object.
  public var json: JSONValue {
    let last = status?.lastWindow
    return .object([
      ("monitor", .string(monitor.name)),
      ("window", .string(monitor.schedule.window.description)),
      (
        "last_window",
        last.map { last in
          .object([
            ("start", .string(Timestamp.format(last.window.start))),
            ("end", .string(Timestamp.format(last.window.end))),
            ("status", .string(last.status.rawValue)),
            ("rows", .int(last.rows)),
            ("drifted_features", .array(last.driftedFeatures.map { .string($0) })),
            ("magnitude", .number(last.magnitude)),
          ])
        } ?? .null
      ),
      ("next_due_window", .string(Timestamp.format(nextDue.start))),
      ("next_due_at", .string(Timestamp.format(nextDue.end + monitor.schedule.delay))),
      ("windows_ok", .int(count(.ok))),
      ("windows_insufficient_data", .int(count(.insufficientData))),
      ("windows_failed", .int(count(.failed))),
      ("windows_skipped", .int(count(.skipped))),
      ("failing_since", status?.failingSince.map { .string(Timestamp.format($0)) } ?? .null),
      (
        "last_error",
        status?.lastError.map { error in
          .object([
            ("window", .string(Timestamp.format(error.window.start))),
            ("message", .string(error.message)),
          ])
        } ?? .null
      ),
    ])
  }
}
