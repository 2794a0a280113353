import DriftConfig
import DriftData
import DriftStats
import DriftStore
import Foundation
import Logging

/// Runs every monitor's due windows: once (`run-once`), continuously (`serve`), or for a past
/// range (`backfill`).
///
/// Each monitor processes one window at a time; at most `maxConcurrentMonitors` monitors
/// evaluate at once; a slow monitor never holds up the others (each has its own loop in
/// ``serve(heartbeat:onPass:now:)``). Window evaluation is CPU-bound and runs on Dispatch threads,
/// off the cooperative pool.
public final class Scheduler: Sendable {
  /// The configuration being run.
  public let configuration: Configuration
  /// Where results go.
  public let store: DriftStore
  private let log: Logger
  private let baselines = BaselineCache()
  private let limiter: ConcurrencyLimiter
  /// The time `serve` and `backfill` read and sleep on; also times each window's evaluation.
  let clock: any WallClock
  /// Returns the allocator's free memory after passes, once `serve` is quiet.
  let memoryRelease: IdleMemoryRelease

  /// Creates a scheduler over an open store.
  ///
  /// - Parameter clock: Where time comes from (tests pass a ``ManualClock``).
  public convenience init(
    configuration: Configuration, store: DriftStore, log: Logger,
    clock: any WallClock = SystemClock()
  ) {
    self.init(
      configuration: configuration, store: store, log: log, clock: clock,
      memoryRelease: .process)
  }

  /// A scheduler whose idle memory release tests can observe.
  init(
    configuration: Configuration, store: DriftStore, log: Logger, clock: any WallClock,
    memoryRelease: IdleMemoryRelease
  ) {
    self.configuration = configuration
    self.store = store
    self.log = log
    self.clock = clock
    self.memoryRelease = memoryRelease
    self.limiter = ConcurrencyLimiter(limit: max(1, configuration.daemon.maxConcurrentMonitors))
  }

  /// Processes every due window of every monitor at `now` and returns what each monitor did.
  public func runOnce(now: Int64) async -> [MonitorPass] {
    await withTaskGroup(of: (Int, MonitorPass).self) { group in
      for (index, monitor) in configuration.monitors.enumerated() {
        group.addTask { (index, await self.pass(monitor, now: now)) }
      }
      var passes = [MonitorPass?](repeating: nil, count: configuration.monitors.count)
      for await (index, pass) in group { passes[index] = pass }
      return passes.compactMap { $0 }
    }
  }

  /// Runs every monitor until the calling task is cancelled: each monitor wakes when its next
  /// window is due (or at least every `tick`), processes it and sleeps again, all on the
  /// scheduler's clock.
  ///
  /// Cancellation is a graceful stop: no new window starts, a window being evaluated is finished
  /// and stored, then this returns.
  ///
  /// - Parameters:
  ///   - heartbeat: Where each monitor loop reports what it is doing, for the watchdog.
  ///   - onPass: Called after every pass over a monitor (for status reports).
  public func serve(
    heartbeat: Heartbeat = Heartbeat(),
    onPass: @escaping @Sendable (MonitorPass) -> Void = { _ in }
  ) async {
    let stop = StopFlag()
    await withTaskCancellationHandler {
      await withTaskGroup(of: Void.self) { group in
        for monitor in configuration.monitors {
          group.addTask {
            await self.loop(monitor, heartbeat: heartbeat, stop: stop, onPass: onPass)
          }
        }
      }
    } onCancel: {
      stop.set()
    }
  }

  private func loop(
    _ monitor: MonitorConfiguration, heartbeat: Heartbeat, stop: StopFlag,
    onPass: @Sendable (MonitorPass) -> Void
  ) async {
    let tick = max(1, configuration.daemon.tick)
    defer { heartbeat.remove(monitor.name) }
    while !stop.isSet {
      heartbeat.set(monitor.name, .queued)
      memoryRelease.passStarted()
      let pass = await self.pass(monitor, now: clock.now(), heartbeat: heartbeat, stop: stop)
      memoryRelease.passEnded()
      for error in pass.errors { log.error("\(monitor.name): \(error)") }
      log.debug(
        "\(monitor.name): pass stored \(pass.evaluated) windows",
        metadata: ["next_due": "\(pass.nextDueAt.map(Timestamp.format) ?? "-")"])
      onPass(pass)
      if stop.isSet { break }
      let now = clock.now()
      let wait = Self.wait(nextDueAt: pass.nextDueAt, now: now, tick: tick)
      heartbeat.set(monitor.name, .waiting(until: .now + .seconds(wait)))
      try? await clock.sleep(seconds: Double(wait))
    }
  }

  /// Seconds a monitor loop sleeps after a pass: until the next due window, at least 1 and at
  /// most `tick` (so a clock step or a new file is noticed within a tick).
  static func wait(nextDueAt: Int64?, now: Int64, tick: Int64) -> Int64 {
    let wake = min(nextDueAt ?? (now + tick), now + tick)
    return max(1, wake - now)
  }

  /// Recomputes or fills in the windows of one monitor between two times.
  ///
  /// - Parameters:
  ///   - force: Recompute windows that are already stored (replacing them).
  ///   - notify: Let the monitor's alert rules decide on each window (oldest first); an alert
  ///     only advances on windows newer than the last one that advanced it, so this notifies
  ///     only about windows past the alert's state. Off by default: backfill is history.
  ///   - progress: Called after each window with (done, total).
  public func backfill(
    monitor name: String, from: Int64, to: Int64, force: Bool, notify: Bool = false,
    progress: @Sendable (Int, Int) -> Void = { _, _ in }
  ) throws(SourceError) -> MonitorPass {
    guard let monitor = configuration.monitors.first(where: { $0.name == name }) else {
      let names = configuration.monitors.map(\.name)
      throw SourceError(
        "no monitor '\(name)'\(Suggestion.didYouMean(name, among: names)); monitors: \(names.joined(separator: ", "))"
      )
    }
    let size = monitor.schedule.window
    var windows = [Window]()
    var window = Window(containing: from, size: size)
    while window.start < to {
      windows.append(window)
      window = Window(start: window.end, end: size.end(ofWindowStartingAt: window.end))
    }
    let states: [Int64: WindowState]
    do {
      states = Dictionary(
        try store.windowStates(monitor: name, from: from, to: to).map { ($0.window.start, $0) },
        uniquingKeysWith: { first, _ in first })
    } catch {
      throw SourceError("store: \(error)")
    }
    let runner = MonitorRunner(
      monitor: monitor, store: store, baselines: baselines, clock: clock,
      publicURL: configuration.http?.publicURL)
    var pass = MonitorPass(monitor: name)
    let now = clock.now()
    let source = runner.openSource()
    for (index, window) in windows.enumerated() {
      defer { progress(index + 1, windows.count) }
      let state = states[window.start]
      if !force, let state, state.status != .failed { continue }
      let record = runner.evaluate(
        window, source: source, previousAttempts: state?.attempts ?? 0, now: now, replace: force)
      do {
        try runner.store(record, replace: force, notify: notify, now: now)
        pass.stored[record.status, default: 0] += 1
      } catch {
        throw SourceError("store: \(error)")
      }
    }
    return pass
  }

  private func pass(
    _ monitor: MonitorConfiguration, now: Int64, heartbeat: Heartbeat? = nil,
    stop: StopFlag? = nil
  ) async -> MonitorPass {
    await limiter.run {
      await offload {
        heartbeat?.set(monitor.name, .evaluating(since: .now))
        return MonitorRunner(
          monitor: monitor, store: self.store, baselines: self.baselines, clock: self.clock,
          publicURL: self.configuration.http?.publicURL
        ).pass(now: now, log: self.log) {
          // Each window started is progress; the watchdog times each one separately.
          heartbeat?.set(monitor.name, .evaluating(since: .now))
          return !(stop?.isSet ?? false)
        }
      }
    }
  }
}

/// A flag set once, from any thread, when the scheduler should stop.
///
/// `@unchecked Sendable`: `value` is only touched while holding `lock`.
final class StopFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  var isSet: Bool { lock.withLock { value } }

  func set() { lock.withLock { value = true } }
}

/// Runs blocking work on a Dispatch thread and resumes when it is done.
func offload<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
  await withCheckedContinuation { continuation in
    DispatchQueue.global().async { continuation.resume(returning: work()) }
  }
}
