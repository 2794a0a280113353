import Foundation

/// What each monitor loop of the scheduler is doing, so the watchdog can tell a working
/// scheduler from a stuck one.
///
/// A loop is healthy while it sleeps until a planned time (idle by design), waits for a
/// concurrency slot, or evaluates a window for less than ``evaluationLimit``. It is stuck when it
/// oversleeps its wake-up time by more than ``wakeGrace`` (the cooperative thread pool is not
/// running it) or evaluates one pass for longer than ``evaluationLimit`` (a read that never
/// returns). The watchdog pings systemd only while every loop is healthy.
///
/// `@unchecked Sendable`: every access to `loops` holds `lock`.
public final class Heartbeat: @unchecked Sendable {
  /// One loop's state.
  enum State: Equatable {
    /// Sleeping until the given time.
    case waiting(until: ContinuousClock.Instant)
    /// Waiting for a concurrency slot (another monitor is evaluating).
    case queued
    /// Evaluating windows since the given time.
    case evaluating(since: ContinuousClock.Instant)
  }

  /// The longest one pass over a monitor's due windows may take before the scheduler counts as
  /// stuck.
  public let evaluationLimit: Duration
  /// How late a sleeping loop may wake before the scheduler counts as stuck.
  public let wakeGrace: Duration
  private let lock = NSLock()
  private var loops: [String: State] = [:]
  private var beats = 0

  /// Creates a heartbeat.
  ///
  /// - Parameters:
  ///   - evaluationLimit: The longest healthy pass (default 15 minutes: a day-long window of a
  ///     busy model is read and tested in well under that on a small server).
  ///   - wakeGrace: The longest healthy delay in waking up (default 10 seconds).
  public init(evaluationLimit: Duration = .seconds(15 * 60), wakeGrace: Duration = .seconds(10)) {
    self.evaluationLimit = evaluationLimit
    self.wakeGrace = wakeGrace
  }

  func set(_ monitor: String, _ state: State) {
    lock.withLock {
      loops[monitor] = state
      beats += 1
    }
  }

  func remove(_ monitor: String) {
    lock.withLock { _ = loops.removeValue(forKey: monitor) }
  }

  /// How many state changes the loops have made: a number that grows while the scheduler works.
  public var progress: Int {
    lock.withLock { beats }
  }

  /// The loops that are stuck at `now`, by monitor name; empty when the scheduler is healthy.
  public func stuckMonitors(now: ContinuousClock.Instant = .now) -> [String] {
    lock.withLock {
      loops.compactMap { monitor, state in
        switch state {
        case .waiting(let until): now - until > wakeGrace ? monitor : nil
        case .queued: nil
        case .evaluating(let since): now - since > evaluationLimit ? monitor : nil
        }
      }.sorted()
    }
  }
}
