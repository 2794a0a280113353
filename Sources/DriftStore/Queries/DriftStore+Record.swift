import DriftData
import Foundation
import GRDB

extension DriftStore {
  /// Stores one window in ONE transaction: its run row (with the data-set verdict, drift
  /// magnitude and reconstruction drift), every feature result, its day's roll-up
  /// (``ResultRollup``) and every feature contribution.
  /// Either all of it is written or none.
  ///
  /// A window already stored as `ok` or `insufficient_data` is kept unless `replace` is true
  /// (backfill --force); its old results are then deleted in the same transaction. A stored
  /// `failed` or `skipped` window is always replaced. `attempts` carries over: a new attempt
  /// adds one to the stored count; a `skipped` record adds nothing.
  ///
  /// - Returns: What is now stored for the window (with the attempt count).
  /// - Throws: `.duplicateWindow`, `.invalidRecord` (e.g. a repeated feature and test), and
  ///   the database kinds (`.busy`, `.full`, `.readOnly`, ...).
  @discardableResult
  public func record(_ window: WindowRecord, replace: Bool = false) throws(StoreError)
    -> WindowState
  {
    try record(window, replace: replace) { _, _ in }
  }

  /// Stores several windows in one transaction (backfill, benchmarks): all of them or none.
  ///
  /// Each window follows the rules of ``record(_:replace:)``; one duplicate rejects the batch.
  @discardableResult
  public func record(batch windows: [WindowRecord], replace: Bool = false) throws(StoreError)
    -> [WindowState]
  {
    try perform("recording \(windows.count) windows") {
      try database.write { db in
        var names = InternedNames()
        return try windows.map { try self.write($0, replace: replace, names: &names, in: db) }
      }
    }
  }

  /// Stores one window and, in the same transaction, whatever `alongside` writes once the
  /// window is in place: the seam where alert transitions and outbox rows (issue #4) join the
  /// window's transaction, so a crash keeps both or neither.
  func record(
    _ window: WindowRecord, replace: Bool,
    alongside: (Database, WindowState) throws -> Void
  ) throws(StoreError) -> WindowState {
    try perform("recording \(Self.describe(window))") {
      try database.write { db in
        var names = InternedNames()
        let state = try self.write(window, replace: replace, names: &names, in: db)
        try alongside(db, state)
        return state
      }
    }
  }

  /// Writes one window inside the caller's transaction.
  func write(
    _ window: WindowRecord, replace: Bool, names: inout InternedNames, in db: Database
  ) throws -> WindowState {
    guard window.window.end > window.window.start else {
      throw StoreError(
        .invalidRecord, path: path,
        message: "\(Self.describe(window)): the window ends before it starts; nothing was stored")
    }
    let monitorID = try names.monitor(window.monitor, in: db)
    var attempts = window.status == .skipped ? 0 : 1
    let existing = try Row.fetchOne(
      db.cachedStatement(
        sql: "SELECT id, status, attempts FROM runs WHERE monitor_id = ? AND window_start = ?"),
      arguments: [monitorID, window.window.start])
    if let existing {
      let status = RunStatus(rawValue: existing["status"]) ?? .failed
      if status.isFinal && !replace {
        throw StoreError(
          .duplicateWindow, path: path,
          message:
            "\(Self.describe(window)) is already stored with status \(status.rawValue); "
            + "nothing was written (use backfill --force to replace it)")
      }
      attempts += existing["attempts"] as Int
      // Deleting the run cascades to its feature results and contributions.
      try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [existing["id"] as Int64])
    }
    let nextAttemptAt = window.status == .failed ? window.nextAttemptAt : nil
    let dataset = window.dataset
    let magnitude = dataset?.magnitude
    let reconstruction = dataset?.reconstruction
    try db.cachedStatement(
      sql: """
        INSERT INTO runs (monitor_id, window_start, window_end, status, rows, rejected_rows,
          error, baseline_hash, config_hash, attempts, next_attempt_at, started_at, finished_at,
          features, drifted_features, drifted_share, drift_share_threshold, drifted,
          magnitude, magnitude_auc, magnitude_mcc, magnitude_baseline_rows,
          magnitude_target_rows, reconstruction_error, reconstruction_mean, reconstruction_std,
          reconstruction_lower, reconstruction_upper, reconstruction_components,
          reconstruction_drifted)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
          ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      monitorID, window.window.start, window.window.end, window.status.rawValue, window.rows,
      window.rejectedRows, window.error, window.baselineHash, window.configHash, attempts,
      nextAttemptAt, window.startedAt, window.finishedAt, dataset?.features,
      dataset?.driftedFeatures, dataset?.driftedShare, dataset?.driftShareThreshold,
      dataset?.drifted, magnitude?.magnitude, magnitude?.auc, magnitude?.mcc,
      magnitude?.baselineRows, magnitude?.targetRows, reconstruction?.error,
      reconstruction?.baselineMean, reconstruction?.baselineStd, reconstruction?.lower,
      reconstruction?.upper, reconstruction?.components, reconstruction?.drifted,
    ])
    let runID = db.lastInsertedRowID
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO feature_results (run_id, feature_id, test_id, statistic, p_value,
          adjusted_p_value, threshold_p_value, threshold_statistic, effect, drifted, error,
          threshold_lower, threshold_upper, threshold_noise, exactness, exactness_bound)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for result in window.features {
      let featureID = try names.feature(result.feature, kind: result.kind, in: db)
      let testID = try names.test(result.test, in: db)
      do {
        try insert.execute(arguments: [
          runID, featureID, testID, result.statistic, result.pValue, result.adjustedPValue,
          result.threshold?.pValue, result.threshold?.statistic, result.effect, result.drifted,
          result.error, result.threshold?.calibrated?.lower, result.threshold?.calibrated?.upper,
          result.threshold?.beyondNoise, result.exactness?.name, result.exactness?.bound,
        ])
      } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
        throw StoreError(
          .invalidRecord, path: path,
          message:
            "\(Self.describe(window)) has more than one result for feature '\(result.feature)' "
            + "test \(result.test.rawValue); nothing was written",
          sqliteCode: error.extendedResultCode.rawValue)
      }
    }
    // The roll-up (day and 4-hour block): the newest window of its day folds in; a replaced window, or one
    // stored before a later window of its day, rebuilds the day from its results.
    let rebuildDay =
      try existing != nil
      || ResultRollup.hasLaterWindow(monitorID: monitorID, after: window.window.start, in: db)
    if rebuildDay {
      let day = ResultRollup.blockStart(window.window.start)
      try ResultRollup.rebuild(
        monitorID: monitorID, from: day, until: ResultRollup.nextBlockStart(day + 1), in: db)
    } else if !window.features.isEmpty {
      try ResultRollup.add(
        runID: runID, monitorID: monitorID, windowStart: window.window.start, in: db)
    }
    try writeContributions(window, runID: runID, names: &names, in: db)
    try writePictures(window, runID: runID, names: &names, in: db)
    return WindowState(
      window: window.window, status: window.status, attempts: attempts,
      nextAttemptAt: nextAttemptAt)
  }

  /// Inserts the window's feature contributions (one row per feature) for run `runID`.
  private func writeContributions(
    _ window: WindowRecord, runID: Int64, names: inout InternedNames, in db: Database
  ) throws {
    guard !window.contributions.isEmpty else { return }
    let insert = try db.cachedStatement(
      sql: "INSERT INTO feature_contributions (run_id, feature_id, contribution) VALUES (?, ?, ?)")
    for item in window.contributions {
      let featureID = try names.feature(item.feature, kind: item.kind, in: db)
      do {
        try insert.execute(arguments: [runID, featureID, item.contribution])
      } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
        throw StoreError(
          .invalidRecord, path: path,
          message:
            "\(Self.describe(window)) has more than one contribution for feature "
            + "'\(item.feature)'; nothing was written",
          sqliteCode: error.extendedResultCode.rawValue)
      }
    }
  }

  /// `window [2024-05-01 10:00:00 UTC, 11:00:00) of monitor 'name'`, for messages.
  static func describe(_ window: WindowRecord) -> String {
    "window [\(timestamp(window.window.start)), \(timestamp(window.window.end))) "
      + "of monitor '\(window.monitor)'"
  }

  /// A UTC date and time for messages, e.g. `2024-05-01T10:00:00Z`.
  static func timestamp(_ seconds: Int64) -> String {
    let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    let date = CivilDate(daysSinceEpoch: days)
    let rest = Int(seconds - Int64(days) * 86_400)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day, rest / 3600,
      rest / 60 % 60, rest % 60)
  }
}
