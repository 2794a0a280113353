import CMemory
import Dispatch
import Synchronization

/// Gives memory back to the system when `serve` has been quiet for a few seconds after passes.
///
/// Two kinds, both untouched while passes run:
/// - *The allocator's free memory*: glibc keeps memory freed by a pass (columns, scratch,
///   decoded rows) in its arenas for reuse; an idle `serve` with 20 monitors held 3 to 5 MB of
///   such free memory, which `malloc_trim` returns.
/// - *Code and constant data*: the binary's and the libraries' pages that start-up and the passes
///   touched (about 37 MB on an idle `serve`, most of its resident memory), which an idle daemon
///   does not run. `MADV_PAGEOUT` lets the kernel reclaim those no other process maps; the next
///   pass reads back what it runs (measured: a `compare` with every code page evicted took 0.13 s
///   more). Pages shared with other processes stay, and nothing is ever discarded (see
///   `driftwatch_page_out_file_mappings`).
///
/// Trimming as a pass ends released nothing (that memory is freed a little later, by other
/// threads), so the last pass to end schedules a release ``settle`` seconds later, and a pass
/// starting meanwhile cancels it (its own end schedules the next one).
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
  ///   - release: What releasing does (``releaseProcessMemory()`` by default; tests count the
  ///     calls).
  init(
    settle: Double = 5,
    after: @escaping After = { delay, work in
      DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + delay, execute: work)
    },
    release: @escaping @Sendable () -> Void = releaseProcessMemory
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

  /// Returns the allocator's free memory, then lets the kernel reclaim the process's read-only
  /// file pages (code and constant data).
  static func releaseProcessMemory() {
    _ = driftwatch_release_free_memory()
    _ = driftwatch_page_out_file_mappings(nil)
  }
}
