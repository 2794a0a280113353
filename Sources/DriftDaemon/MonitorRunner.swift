import DriftAlerts
import DriftConfig
import DriftData
import DriftPostgres
import DriftStats
import DriftStore
import Foundation
import Logging

/// Evaluates and records the due windows of one monitor, one window at a time.
///
/// Synchronous and CPU-bound: the scheduler runs it off the cooperative thread pool.
struct MonitorRunner: Sendable {
  var monitor: MonitorConfiguration
  var store: DriftStore
  var baselines: BaselineCache
  /// Times each evaluation (`startedAt`, `finishedAt`).
  var clock: any WallClock
  /// `http.public_url`, for the dashboard link in notifications.
  var publicURL: String? = nil

  /// The longest wait before a failed window is tried again.
  static let maximumBackoff: Int64 = 3600

  /// Seconds to wait after the `attempts`-th failure: 1, 2, 4 ... minutes, at most an hour.
  static func backoff(attempts: Int) -> Int64 {
    min(maximumBackoff, 60 << Int64(min(max(attempts - 1, 0), 10)))
  }

  /// Plans and processes every due window at `now`.
  ///
  /// - Parameter shouldContinue: Asked before each window starts; false ends the pass (the
  ///   scheduler stops this way at shutdown, and counts each call as progress for the watchdog).
  func pass(
    now: Int64, log: Logger, shouldContinue: @Sendable () -> Bool = { true }
  ) -> MonitorPass {
    var pass = MonitorPass(monitor: monitor.name)
    let schedule = monitor.schedule
    let plan: WindowPlan
    let states: [Int64: WindowState]
    do {
      let last = WindowPlanner.lastComplete(size: schedule.window, delay: schedule.delay, now: now)
      var oldest = last
      for _ in 1..<max(schedule.catchUp, 1) {
        oldest = Window(containing: oldest.start - 1, size: schedule.window)
      }
      let newest = try store.lastWindowStart(monitor: monitor.name)
      let from = min(oldest.start, newest ?? oldest.start)
      states = Dictionary(
        try store.windowStates(monitor: monitor.name, from: from, to: last.end).map {
          ($0.window.start, $0)
        },
        uniquingKeysWith: { first, _ in first })
      plan = WindowPlanner.plan(
        size: schedule.window, delay: schedule.delay, catchUp: schedule.catchUp, now: now,
        stored: states.mapValues {
          StoredWindow(retryable: $0.status == .failed, nextAttemptAt: $0.nextAttemptAt)
        },
        lastStoredStart: newest)
    } catch {
      pass.errors.append("store: \(error)")
      return pass
    }
    pass.nextDueAt = plan.nextDueAt
    if !plan.skipped.isEmpty {
      let stamp = Double(now)
      let records = plan.skipped.map {
        WindowRecord(
          monitor: monitor.name, window: $0, status: .skipped,
          error: "beyond the catch-up limit of \(schedule.catchUp) windows after downtime",
          configHash: monitor.configHash, startedAt: stamp, finishedAt: stamp)
      }
      do {
        try store.record(batch: records)
        pass.skipped = records.count
        log.warning(
          "\(monitor.name): \(records.count) windows beyond catch_up recorded as skipped")
      } catch {
        pass.errors.append("store: \(error)")
      }
    }
    let source = plan.due.isEmpty ? nil : openSource()
    for window in plan.due {
      guard shouldContinue(), let source else { break }
      let attempts = states[window.start]?.attempts ?? 0
      let record = evaluate(
        window, source: source, previousAttempts: attempts, now: now, replace: false)
      do {
        try store(record, replace: false, notify: true, now: now)
        pass.stored[record.status, default: 0] += 1
        if record.status == .failed {
          log.error(
            "\(monitor.name) \(Timestamp.format(window.start)): \(record.error ?? "failed")")
          // A failing source fails every later window too; try again after the backoff.
          pass.nextDueAt = min(pass.nextDueAt ?? .max, record.nextAttemptAt ?? now)
          break
        }
      } catch let error where error.kind == .duplicateWindow {
        continue  // another process stored it first: the window is stored once, as promised
      } catch {
        pass.errors.append("store: \(error)")
        break
      }
    }
    for problem in baselines.unreportedCalibrationProblems(for: monitor) {
      log.warning("\(monitor.name): calibrated thresholds: \(problem)")
    }
    if let retry = states.values.compactMap(\.nextAttemptAt).filter({ $0 > now }).min() {
      pass.nextDueAt = min(pass.nextDueAt ?? retry, retry)
    }
    return pass
  }

  /// Stores `record`; with `notify`, the monitor's alert rules decide in the same transaction.
  func store(_ record: WindowRecord, replace: Bool, notify: Bool, now: Int64) throws(StoreError) {
    guard notify, !monitor.alerts.isEmpty else {
      try store.record(record, replace: replace)
      return
    }
    try store.record(record, replace: replace, now: now) { context in
      try AlertDecider.decide(
        rules: monitor.alerts, window: record, context: context, now: now, publicURL: publicURL)
    }
  }

  /// Opens the monitor's target source for a pass (a failure fails the pass's windows).
  func openSource() -> Result<any WindowReader, SourceError> {
    Result { () throws(SourceError) in
      try WindowSourceFactory.source(for: monitor).open(store: store, monitor: monitor.name)
    }
  }

  /// Reads, evaluates and returns the record of one window; failures become `failed` records.
  func evaluate(
    _ window: Window, source: Result<any WindowReader, SourceError>, previousAttempts: Int,
    now: Int64, replace: Bool
  ) -> WindowRecord {
    let started = clock.seconds()
    let baseline: LoadedBaseline
    do {
      baseline = try baselines.baseline(for: monitor, store: store)
    } catch {
      return failed(
        window, "baseline: \(error.message)", attempts: previousAttempts, now: now, started: started
      )
    }
    do {
      let reader = try source.get()
      if let aggregating = reader as? any AggregatingWindowReader, aggregating.aggregates {
        return try aggregated(
          window, reader: aggregating, baseline: baseline, started: started)
      }
      let features = baseline.profile.features.map(\.name)
      let kinds = Dictionary(
        uniqueKeysWithValues: baseline.profile.features.map { ($0.name, $0.kind) })
      let (table, rejectedRows) = try reader.read(
        window: window, kinds: kinds, features: features)
      let finished = clock.seconds()
      if table.rowCount < monitor.schedule.minRows {
        return WindowRecord(
          monitor: monitor.name, window: window, status: .insufficientData,
          rows: table.rowCount,
          rejectedRows: rejectedRows,
          error: "\(table.rowCount) rows, fewer than min_rows \(monitor.schedule.minRows)",
          baselineHash: baseline.contentHash, configHash: monitor.configHash, startedAt: started,
          finishedAt: finished)
      }
      // The evaluation takes the window's table over (each numeric column sorted in its own
      // array).
      let report = try Evaluator.evaluate(
        profile: baseline.profile, taking: consume table, settings: monitor.settings)
      return WindowRecord(
        monitor: monitor.name, window: window, report: report, rejectedRows: rejectedRows,
        baselineHash: baseline.contentHash, configHash: monitor.configHash, startedAt: started,
        finishedAt: clock.seconds())
    } catch let error as SourceError {
      return failed(window, error.message, attempts: previousAttempts, now: now, started: started)
    } catch let error as StatsError {
      return failed(window, error.message, attempts: previousAttempts, now: now, started: started)
    } catch {
      return failed(window, "\(error)", attempts: previousAttempts, now: now, started: started)
    }
  }

  /// Evaluates a window from its push-down aggregates.
  private func aggregated(
    _ window: Window, reader: any AggregatingWindowReader, baseline: LoadedBaseline,
    started: Double
  ) throws -> WindowRecord {
    let multivariate = monitor.settings.multivariate
    let data = try reader.aggregate(
      window: window, profile: baseline.profile,
      sample: multivariate.enabled && baseline.profile.multivariate != nil
        ? PushdownQuery.SampleRequest(rows: multivariate.maxRows, seed: multivariate.seed) : nil)
    if data.rows < monitor.schedule.minRows {
      return WindowRecord(
        monitor: monitor.name, window: window, status: .insufficientData, rows: data.rows,
        error: "\(data.rows) rows, fewer than min_rows \(monitor.schedule.minRows)",
        baselineHash: baseline.contentHash, configHash: monitor.configHash, startedAt: started,
        finishedAt: Date().timeIntervalSince1970)
    }
    let report = try Evaluator.evaluate(
      profile: baseline.profile, aggregates: data.aggregates, targetRows: data.rows,
      settings: monitor.settings, gridSize: data.gridSize, sample: data.sample)
    return WindowRecord(
      monitor: monitor.name, window: window, report: report, rejectedRows: 0,
      baselineHash: baseline.contentHash, configHash: monitor.configHash, startedAt: started,
      finishedAt: Date().timeIntervalSince1970)
  }

  private func failed(
    _ window: Window, _ message: String, attempts: Int, now: Int64, started: Double
  ) -> WindowRecord {
    WindowRecord(
      monitor: monitor.name, window: window, status: .failed, error: message,
      configHash: monitor.configHash, startedAt: started, finishedAt: clock.seconds(),
      nextAttemptAt: now + Self.backoff(attempts: attempts + 1))
  }
}
