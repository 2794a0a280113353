import DriftData

/// Decides due windows from the schedule, the time and what the store already holds.
public enum WindowPlanner {
  /// The most windows recorded as skipped in one plan (a year of 1-minute windows would be more
  /// than anyone wants as rows; the count is still reported).
  public static let skippedLimit = 10_000

  /// The last window whose end plus `delay` is at or before `now`.
  public static func lastComplete(size: WindowSize, delay: Int64, now: Int64) -> Window {
    let current = Window(containing: now - delay, size: size)
    return Window(containing: current.start - 1, size: size)
  }

  /// The windows to evaluate at `now`.
  ///
  /// - Parameters:
  ///   - size: The monitor's window size.
  ///   - delay: How long after a window's end its data is complete.
  ///   - catchUp: How many of the most recent complete windows are considered.
  ///   - now: The current time (seconds since the epoch).
  ///   - stored: What the store holds for windows since `lastStoredStart` (see `horizon`).
  ///   - lastStoredStart: The start of the newest stored window of any status, if any.
  public static func plan(
    size: WindowSize, delay: Int64, catchUp: Int, now: Int64, stored: [Int64: StoredWindow],
    lastStoredStart: Int64?
  ) -> WindowPlan {
    let last = lastComplete(size: size, delay: delay, now: now)
    var candidates = [Window]()
    var window = last
    for _ in 0..<max(catchUp, 1) {
      candidates.append(window)
      window = Window(containing: window.start - 1, size: size)
    }
    candidates.reverse()
    var due = [Window]()
    for candidate in candidates {
      guard let state = stored[candidate.start] else {
        due.append(candidate)
        continue
      }
      if state.retryable, let next = state.nextAttemptAt, next <= now { due.append(candidate) }
    }
    var skipped = [Window]()
    if let lastStoredStart, let oldest = candidates.first, lastStoredStart < oldest.start {
      var gap = Window(containing: lastStoredStart, size: size)
      gap = Window(start: gap.end, end: size.end(ofWindowStartingAt: gap.end))
      while gap.start < oldest.start && skipped.count < skippedLimit {
        if stored[gap.start] == nil { skipped.append(gap) }
        gap = Window(start: gap.end, end: size.end(ofWindowStartingAt: gap.end))
      }
    }
    let next = size.end(ofWindowStartingAt: last.end) + delay
    return WindowPlan(due: due, skipped: skipped, nextDueAt: next)
  }
}
