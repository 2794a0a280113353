import DriftData
import DriftStats
import GRDB

extension DriftStore {
  /// The stored windows of `monitor` that start in `[from, to)`, oldest first: what is done,
  /// what failed and when to retry it, what was skipped.
  public func windowStates(monitor: String, from: Int64, to: Int64) throws(StoreError)
    -> [WindowState]
  {
    try perform("reading window states of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else {
          return []
        }
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT window_start, window_end, status, attempts, next_attempt_at FROM runs
            WHERE monitor_id = ? AND window_start >= ? AND window_start < ?
            ORDER BY window_start
            """, arguments: [monitorID, from, to])
        var states: [WindowState] = []
        while let row = try rows.next() {
          states.append(
            WindowState(
              window: Window(start: row[0], end: row[1]), status: try runStatus(row[2]),
              attempts: row[3], nextAttemptAt: row[4]))
        }
        return states
      }
    }
  }

  /// Stored test results matching `query`, ordered by window start, feature name and test name.
  ///
  /// Answered from the `runs (monitor_id, window_start)` index range, one primary-key seek
  /// into `feature_results` per window and one into `feature_contributions` per result, so its
  /// cost follows the range asked for, not the history kept.
  public func history(_ query: HistoryQuery) throws(StoreError) -> [HistoryRow] {
    try perform("reading the history of monitor '\(query.monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(query.monitor, in: db) else {
          return []
        }
        let (sql, arguments) = Self.historySQL(query, monitorID: monitorID)
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var result: [HistoryRow] = []
        while let row = try rows.next() {
          result.append(
            HistoryRow(
              monitor: query.monitor, window: Window(start: row[0], end: row[1]),
              result: try featureRecord(row), contribution: row[15]))
        }
        return result
      }
    }
  }

  /// The statement behind ``history(_:)`` (internal so a test can check its query plan).
  static func historySQL(_ query: HistoryQuery, monitorID: Int64) -> (String, StatementArguments) {
    var conditions = ["r.monitor_id = ?", "r.window_start >= ?", "r.window_start < ?"]
    var arguments: [(any DatabaseValueConvertible)?] = [
      monitorID, query.since ?? Int64.min, query.until ?? Int64.max,
    ]
    if let feature = query.feature {
      conditions.append("fr.feature_id IN (SELECT id FROM features WHERE name = ?)")
      arguments.append(feature)
    }
    if let test = query.test {
      conditions.append("fr.test_id = (SELECT id FROM tests WHERE name = ?)")
      arguments.append(test.rawValue)
    }
    if query.driftedOnly { conditions.append("fr.drifted = 1") }
    if let after = query.after {
      // The range condition keeps the index seek; the row value skips the rest of that window.
      conditions.append("r.window_start >= ?")
      conditions.append("(r.window_start, f.name, t.name) > (?, ?, ?)")
      arguments += [after.windowStart, after.windowStart, after.feature, after.test]
    }
    var limit = ""
    if let count = query.limit {
      limit = "LIMIT ?"
      arguments.append(count)
    }
    // CROSS JOIN fixes the join order: walk the runs index range, then seek each run's
    // results by primary key (SQLite never reorders the left side of a CROSS JOIN).
    let sql = """
      SELECT r.window_start, r.window_end, f.name, f.kind, t.name, fr.statistic,
        fr.p_value, fr.adjusted_p_value, fr.threshold_p_value, fr.threshold_statistic,
        fr.effect, fr.drifted, fr.error, fr.threshold_lower, fr.threshold_upper, fc.contribution,
        fr.threshold_noise, fr.exactness, fr.exactness_bound
      FROM runs r CROSS JOIN feature_results fr ON fr.run_id = r.id
        JOIN features f ON f.id = fr.feature_id
        JOIN tests t ON t.id = fr.test_id
        LEFT JOIN feature_contributions fc
          ON fc.run_id = fr.run_id AND fc.feature_id = fr.feature_id
      WHERE \(conditions.joined(separator: " AND "))
      ORDER BY r.window_start, f.name, t.name
      \(limit)
      """
    return (sql, StatementArguments(arguments))
  }

  /// Decodes columns 2... of a history row.
  private func featureRecord(_ row: Row) throws -> FeatureRecord {
    let kindName: String = row[3]
    let testName: String = row[4]
    guard let kind = ColumnKind(rawValue: kindName), let test = DriftTest(rawValue: testName)
    else {
      throw StoreError(
        .incompatibleSchema, path: path,
        message:
          "\(path) holds a feature kind '\(kindName)' or test '\(testName)' this driftwatch "
          + "does not know; it was written by a newer version: upgrade driftwatch")
    }
    let thresholdP: Double? = row[8]
    let thresholdStatistic: Double? = row[9]
    let thresholdLower: Double? = row[13]
    let thresholdUpper: Double? = row[14]
    let calibrated = thresholdUpper.map { CalibratedBand(lower: thresholdLower, upper: $0) }
    let threshold =
      thresholdP == nil && thresholdStatistic == nil && calibrated == nil
      ? nil
      : Threshold(
        pValue: thresholdP, statistic: thresholdStatistic, calibrated: calibrated,
        beyondNoise: row[16])
    var record = FeatureRecord(
      feature: row[2], kind: kind, test: test, statistic: row[5], pValue: row[6],
      adjustedPValue: row[7], threshold: threshold, effect: row[10], drifted: row[11],
      error: row[12])
    let exactness: String? = row[17]
    record.exactness = exactness.flatMap { Exactness(name: $0, bound: row[18]) }
    return record
  }

  /// Decodes a `runs.status` value.
  func runStatus(_ text: String) throws -> RunStatus {
    guard let status = RunStatus(rawValue: text) else {
      throw StoreError(
        .incompatibleSchema, path: path,
        message: "\(path) holds a run status '\(text)' this driftwatch does not know; upgrade it")
    }
    return status
  }
}
