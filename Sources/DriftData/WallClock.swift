/// The one source of time for every rule that reads the clock: which windows are due, when a
/// failed window or an alert delivery is tried again, how long a loop waits.
///
/// Production code gets ``SystemClock`` (or ``ShiftedClock`` for `--now` replays); tests get
/// ``ManualClock``, which stands still until the test moves it, so time rules are tested without
/// sleeping. The watchdog's heartbeat is the exception: it measures elapsed time on the monotonic
/// `ContinuousClock`, which no wall-clock step may move.
public protocol WallClock: Sendable {
  /// Now, in seconds since the epoch, with the fraction.
  func seconds() -> Double

  /// Waits until `seconds` of this clock's time have passed; returns at once for zero or less.
  ///
  /// - Throws: `CancellationError` when the calling task is cancelled while waiting.
  func sleep(seconds: Double) async throws
}

extension WallClock {
  /// Now, in whole seconds since the epoch (rounded down).
  public func now() -> Int64 {
    Int64(seconds().rounded(.down))
  }

  /// Waits until this clock reads `time` (seconds since the epoch) or later.
  ///
  /// - Throws: `CancellationError` when the calling task is cancelled while waiting.
  public func sleep(until time: Int64) async throws {
    try await sleep(seconds: Double(time) - seconds())
  }
}
