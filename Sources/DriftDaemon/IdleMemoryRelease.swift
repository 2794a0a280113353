import CMemory
import Dispatch
import Synchronization

/// Gives the allocator's free memory back to the system when `serve` has been quiet for a few
/// seconds after passes.
///
/// glibc keeps memory freed by a pass (columns, scratch, decoded rows) in its arenas for reuse;
/// an idle `serve` with 20 monitors held 3 to 5 MB of such free memory, which `malloc_trim`
/// returns. Trimming as a pass ends released nothing (that memory is freed a little later, by
/// other threads), so the last pass to end schedules a release ``settle`` seconds later, and a
/// pass starting meanwhile cancels it (its own end schedules the next one).
///
/// The allocator is the process's, so its schedulers share one instance (``process``): after a
/// configuration reload the old scheduler's scheduled release is cancelled by the new one's
/// passes. The settle delay runs on Dispatch in real time, not on the scheduler's clock: it is
/// housekeeping that changes no result, and a release in a test process is harmless.
final class IdleMemoryRelease: Sendable {
  /// The process's instance, shared by every scheduler.
  static let process = IdleMemoryRelease()

  private struct State {
    var running = 0
    /// Counts pass starts: a scheduled release only runs if none started since it was scheduled.
    var generation = 0
  }

  /// Runs work after a delay in seconds.
  typealias After = @Sendable (Double, @escaping @Sendable () -> Void) -> Void

  /// Seconds of quiet after the last pass before free memory is released.
  let settle: Double
  private let state = Mutex(State())
  private let after: After
  private let release: @Sendable () -> Void

  /// - Parameters:
  ///   - settle: Seconds of quiet after the last pass before releasing.
  ///   - after: How the release is scheduled (real time by default; tests run it themselves).
  ///   - release: What releasing does (malloc_trim by default; tests count the calls).
  init(
    settle: Double = 5,
    after: @escaping After = { delay, work in
      DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + delay, execute: work)
    },
    release: @escaping @Sendable () -> Void = { _ = driftwatch_release_free_memory() }
  ) {
    self.settle = settle
    self.after = after
    self.release = release
  }

  /// A monitor's pass begins.
  func passStarted() {
    state.withLock {
      $0.running += 1
      $0.generation += 1
    }
  }

  /// A monitor's pass ended: when it was the last one running, schedules a release.
  func passEnded() {
    let scheduled = state.withLock { state -> Int? in
      state.running -= 1
      return state.running == 0 ? state.generation : nil
    }
    guard let scheduled else { return }
    after(settle) { [self] in
      let quiet = state.withLock { $0.running == 0 && $0.generation == scheduled }
      if quiet { release() }
    }
  }
}
