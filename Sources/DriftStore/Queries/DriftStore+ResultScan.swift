import DriftData
import DriftStats
import GRDB

extension DriftStore {
  /// Visits every stored test result of `monitor` for windows starting in `[since, until)`,
  /// in window order, without collecting them: the dashboard reads a year of results (half a
  /// million rows for 20 features) this way and keeps only what it draws.
  ///
  /// One walk of the `runs (monitor_id, window_start)` index range with a primary-key range of
  /// `feature_results` per run; feature and test names come from the small name tables read
  /// once, so no row joins them.
  ///
  /// - Throws: `.incompatibleSchema` for a test name this version does not know, the database
  ///   kinds, and whatever `visit` throws (wrapped like a database error).
  public func scanResults(
    monitor: String, since: Int64, until: Int64, _ visit: (ResultSample) throws -> Void
  ) throws(StoreError) {
    try perform("reading the history of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else { return }
        var features: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM features") {
          features[row[0]] = row[1]
        }
        var tests: [Int64: DriftTest] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM tests") {
          let name: String = row[1]
          guard let test = DriftTest(rawValue: name) else {
            throw StoreError(
              .incompatibleSchema, path: path,
              message:
                "\(path) holds a test '\(name)' this driftwatch does not know; it was written "
                + "by a newer version: upgrade driftwatch")
          }
          tests[row[0]] = test
        }
        // CROSS JOIN keeps the runs index as the outer loop (SQLite never reorders it).
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT r.window_start, fr.feature_id, fr.test_id, fr.statistic,
              COALESCE(fr.adjusted_p_value, fr.p_value), fr.threshold_p_value,
              fr.threshold_statistic, fr.threshold_lower, fr.threshold_upper, fr.drifted,
              fr.threshold_noise
            FROM runs r CROSS JOIN feature_results fr ON fr.run_id = r.id
            WHERE r.monitor_id = ? AND r.window_start >= ? AND r.window_start < ?
            ORDER BY r.window_start
            """, arguments: [monitorID, since, until])
        while let row = try rows.next() {
          let featureID: Int64 = row[1]
          let testID: Int64 = row[2]
          guard let feature = features[featureID], let test = tests[testID] else { continue }
          let thresholdP: Double? = row[5]
          let thresholdStatistic: Double? = row[6]
          let thresholdUpper: Double? = row[8]
          let calibrated = thresholdUpper.map { CalibratedBand(lower: row[7], upper: $0) }
          let threshold =
            thresholdP == nil && thresholdStatistic == nil && calibrated == nil
            ? nil
            : Threshold(
              pValue: thresholdP, statistic: thresholdStatistic, calibrated: calibrated,
              beyondNoise: row[10])
          try visit(
            ResultSample(
              windowStart: row[0], feature: feature, series: featureID << 16 | testID,
              test: test, statistic: row[3],
              pValue: row[4], threshold: threshold, drifted: row[9]))
        }
      }
    }
  }

  /// The data-set verdicts of `monitor`'s evaluated windows starting in `[since, until)`,
  /// oldest first: ``datasetHistory(monitor:since:until:driftedOnly:limit:)`` without the
  /// drifted feature names, which cost a second pass over the results that a chart does not
  /// need.
  public func datasetVerdicts(monitor: String, since: Int64, until: Int64)
    throws(StoreError) -> [(window: Window, dataset: DatasetResult)]
  {
    try perform("reading the data-set history of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else {
          return []
        }
        var result: [(window: Window, dataset: DatasetResult)] = []
        let rows = try Row.fetchCursor(
          db, sql: Self.datasetHistorySQL(driftedOnly: false),
          arguments: [monitorID, since, until])
        while let row = try rows.next() {
          guard let dataset = Self.datasetSummary(row, from: 3) else { continue }
          result.append((Window(start: row[1], end: row[2]), dataset))
        }
        return result
      }
    }
  }
}
