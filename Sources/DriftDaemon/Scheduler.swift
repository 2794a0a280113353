import DriftConfig
import DriftData
import DriftStats
import DriftStore
import Foundation

/// Runs every monitor's due windows: once (`run-once`), continuously (`serve`), or for a past
/// range (`backfill`).
///
/// Each monitor processes one window at a time; at most `maxConcurrentMonitors` monitors
/// evaluate at once; a slow monitor never holds up the others (each has its own loop in
/// ``serve(clock:until:)``). Window evaluation is CPU-bound and runs on Dispatch threads, off the
/// cooperative pool.
public final class Scheduler: Sendable {
  /// The configuration being run.
  public let configuration: Configuration
  /// Where results go.
  public let store: DriftStore
  private let log: DaemonLog
  private let baselines = BaselineCache()
  private let limiter: ConcurrencyLimiter

  /// Creates a scheduler over an open store.
  public init(configuration: Configuration, store: DriftStore, log: @escaping DaemonLog) {
    self.configuration = configuration
    self.store = store
    self.log = log
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

  /// Runs until `shutdown` is cancelled: each monitor wakes when its next window is due (or at
  /// least every `tick`), processes it and sleeps again.
  public func serve(now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) })
    async
  {
    let tick = max(1, configuration.daemon.tick)
    await withTaskGroup(of: Void.self) { group in
      for monitor in configuration.monitors {
        group.addTask {
          while !Task.isCancelled {
            let pass = await self.pass(monitor, now: now())
            let wake = min(pass.nextDueAt ?? (now() + tick), now() + tick)
            let wait = max(1, wake - now())
            try? await Task.sleep(for: .seconds(wait))
          }
        }
      }
    }
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
    let runner = MonitorRunner(monitor: monitor, store: store, baselines: baselines)
    var pass = MonitorPass(monitor: name)
    let now = Int64(Date().timeIntervalSince1970)
    for (index, window) in windows.enumerated() {
      defer { progress(index + 1, windows.count) }
      let state = states[window.start]
      if !force, let state, state.status != .failed { continue }
      let record = runner.evaluate(
        window, previousAttempts: state?.attempts ?? 0, now: now, replace: force)
      do {
        try runner.store(record, replace: force, notify: notify, now: now)
        pass.stored[record.status, default: 0] += 1
      } catch {
        throw SourceError("store: \(error)")
      }
    }
    return pass
  }

  private func pass(_ monitor: MonitorConfiguration, now: Int64) async -> MonitorPass {
    await limiter.run {
      await offload {
        MonitorRunner(monitor: monitor, store: self.store, baselines: self.baselines).pass(
          now: now, log: self.log)
      }
    }
  }
}

/// Runs blocking work on a Dispatch thread and resumes when it is done.
func offload<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
  await withCheckedContinuation { continuation in
    DispatchQueue.global().async { continuation.resume(returning: work()) }
  }
}
