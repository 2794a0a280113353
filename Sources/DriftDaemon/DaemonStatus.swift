import DriftData
import Foundation

/// The one-line summary systemd shows in `systemctl status` (the `STATUS=` field).
///
/// `3 monitors; last window 2026-11-02T23:00:00Z; 48 windows since start, 1 failed` followed by
/// `; ` and whatever the ``extra`` hook adds (firing alerts and outbox backlog, once the alert
/// dispatcher runs in the daemon).
///
/// `@unchecked Sendable`: the counters are only touched while holding `lock`.
public final class DaemonStatus: @unchecked Sendable {
  private let lock = NSLock()
  private var monitors: Int
  private var lastWindowStart: Int64?
  private var windows = 0
  private var failed = 0
  private var ready = false
  private let extra: @Sendable () -> String?

  /// Creates a status for `monitors` monitors.
  ///
  /// - Parameter extra: More to say at the end of the line, or nil for nothing.
  public init(monitors: Int, extra: @escaping @Sendable () -> String? = { nil }) {
    self.monitors = monitors
    self.extra = extra
  }

  /// Counts the windows of one pass; `lastWindow` is the newest window stored by the monitor.
  func record(_ pass: MonitorPass, lastWindow: Int64?) {
    lock.withLock {
      windows += pass.evaluated
      failed += pass.stored[.failed] ?? 0
      if let lastWindow { lastWindowStart = max(lastWindowStart ?? lastWindow, lastWindow) }
    }
  }

  /// Sets the number of monitors running (after a reload).
  func setMonitors(_ count: Int) {
    lock.withLock { monitors = count }
  }

  /// Records that READY=1 was sent: watchdog pings may follow it, never precede it.
  func markReady() {
    lock.withLock { ready = true }
  }

  /// Whether READY=1 was sent.
  var isReady: Bool { lock.withLock { ready } }

  /// The summary line.
  public var line: String {
    var text = lock.withLock {
      let last = lastWindowStart.map(Timestamp.format) ?? "none"
      return "\(monitors) monitor\(monitors == 1 ? "" : "s"); last window \(last); "
        + "\(windows) windows since start, \(failed) failed"
    }
    if let more = extra() { text += "; \(more)" }
    return text
  }
}
