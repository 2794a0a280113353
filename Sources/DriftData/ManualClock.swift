import Synchronization

/// A clock for tests: it reads what it was set to and moves only when ``advance(by:)`` or
/// ``set(to:)`` is called. A task sleeping on it wakes when the clock is moved to or past its
/// deadline, so a test drives a loop that sleeps without waiting in real time.
public final class ManualClock: WallClock {
  private struct Sleeper {
    var deadline: Double
    var continuation: CheckedContinuation<Void, any Error>
  }

  private struct State {
    var time: Double
    var nextID = 0
    var sleepers: [Int: Sleeper] = [:]
    var cancelled: Set<Int> = []
    var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
  }

  private let state: Mutex<State>

  /// A clock reading `time` (seconds since the epoch).
  public init(now time: Int64) {
    state = Mutex(State(time: Double(time)))
  }

  /// The time the clock was last set to.
  public func seconds() -> Double {
    state.withLock { $0.time }
  }

  /// How many tasks are sleeping on the clock now.
  public var sleeping: Int {
    state.withLock { $0.sleepers.count }
  }

  /// The earliest time a sleeping task waits for, or nil when none sleeps.
  public var nextDeadline: Double? {
    state.withLock { $0.sleepers.values.map(\.deadline).min() }
  }

  /// Moves the clock forward by `seconds` and wakes the sleepers whose time has come.
  public func advance(by seconds: Double) {
    wake { $0.time += max(0, seconds) }
  }

  /// Sets the clock to `time`, forward or back (a clock step), and wakes the sleepers whose time
  /// has come.
  public func set(to time: Int64) {
    wake { $0.time = Double(time) }
  }

  /// Returns once at least `count` tasks sleep on the clock (the test's way to know that a loop
  /// has finished its work and waits for time to move).
  public func waitForSleepers(_ count: Int) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let ready = state.withLock { state in
        if state.sleepers.count >= count { return true }
        state.watchers.append((count, continuation))
        return false
      }
      if ready { continuation.resume() }
    }
  }

  /// Sleeps until the clock reads at least now plus `seconds`.
  ///
  /// - Throws: `CancellationError` when the task is cancelled while sleeping.
  public func sleep(seconds: Double) async throws {
    try Task.checkCancellation()
    guard seconds > 0 else { return }
    let id = state.withLock { state in
      state.nextID += 1
      return state.nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<Void, any Error>) in
        let outcome = state.withLock {
          state -> (cancelled: Bool, watchers: [CheckedContinuation<Void, Never>]) in
          if state.cancelled.remove(id) != nil { return (true, []) }
          state.sleepers[id] = Sleeper(deadline: state.time + seconds, continuation: continuation)
          return (false, Self.satisfiedWatchers(&state))
        }
        if outcome.cancelled { continuation.resume(throwing: CancellationError()) }
        for watcher in outcome.watchers { watcher.resume() }
      }
    } onCancel: {
      let sleeper = state.withLock { state -> Sleeper? in
        guard let sleeper = state.sleepers.removeValue(forKey: id) else {
          state.cancelled.insert(id)
          return nil
        }
        return sleeper
      }
      sleeper?.continuation.resume(throwing: CancellationError())
    }
  }

  private func wake(_ move: (inout State) -> Void) {
    let due = state.withLock { state -> [Sleeper] in
      move(&state)
      let time = state.time
      let ids = state.sleepers.filter { $0.value.deadline <= time }.map(\.key).sorted()
      return ids.compactMap { state.sleepers.removeValue(forKey: $0) }
    }
    for sleeper in due { sleeper.continuation.resume() }
  }

  private static func satisfiedWatchers(_ state: inout State) -> [CheckedContinuation<Void, Never>]
  {
    let count = state.sleepers.count
    let ready = state.watchers.filter { $0.count <= count }.map(\.continuation)
    state.watchers.removeAll { $0.count <= count }
    return ready
  }
}
