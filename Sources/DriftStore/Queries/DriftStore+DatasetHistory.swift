import DriftData
import DriftStats
import GRDB

extension DriftStore {
  /// The name `history --feature` takes for the data-set-level rows instead of a feature.
  public static let datasetFeatureName = "__dataset__"

  /// The data-set-level results of the `ok` windows of `monitor` that start in
  /// `[since, until)`, oldest first.
  ///
  /// Two statements over one read snapshot, each a range of the `runs` indexes (plus
  /// primary-key seeks into `feature_results` for the drifted feature names), so the cost
  /// follows the range asked for, not the history kept.
  ///
  /// - Parameters:
  ///   - monitor: Monitor name.
  ///   - since: Only windows starting at or after this time (seconds since the epoch).
  ///   - until: Only windows starting before this time.
  ///   - driftedOnly: Only windows whose data-set verdict or reconstruction error says drift.
  ///   - limit: At most this many windows (the first ones); all when `nil`.
  public func datasetHistory(
    monitor: String, since: Int64? = nil, until: Int64? = nil, driftedOnly: Bool = false,
    limit: Int? = nil
  ) throws(StoreError) -> [DatasetHistoryRow] {
    try perform("reading the data-set history of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else {
          return []
        }
        var range: StatementArguments = [monitorID, since ?? Int64.min, until ?? Int64.max]
        var windows: [(id: Int64, window: Window, dataset: DatasetResult)] = []
        var sql = Self.datasetHistorySQL(driftedOnly: driftedOnly)
        if let limit { sql += "\nLIMIT \(max(limit, 0))" }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: range)
        while let row = try rows.next() {
          guard let dataset = Self.datasetSummary(row, from: 3) else { continue }
          windows.append((row[0], Window(start: row[1], end: row[2]), dataset))
        }
        // The names of the windows read, not of the whole range when a limit cut it short.
        if limit != nil, let last = windows.last {
          range = [monitorID, since ?? Int64.min, last.window.start + 1]
        }
        var drifted: [Int64: Set<String>] = [:]
        let names = try Row.fetchCursor(
          db, sql: Self.datasetDriftedFeaturesSQL(driftedOnly: driftedOnly), arguments: range)
        while let row = try names.next() {
          drifted[row[0], default: []].insert(row[1])
        }
        let result = windows.map {
          DatasetHistoryRow(
            monitor: monitor, window: $0.window, dataset: $0.dataset,
            driftedFeatures: (drifted[$0.id] ?? []).sorted())
        }
        return result
      }
    }
  }

  /// The columns ``datasetSummary(_:from:)`` decodes, in its order.
  static let datasetColumns = """
    features, drifted_features, drifted_share, drift_share_threshold, drifted,
    magnitude, magnitude_auc, magnitude_mcc, magnitude_baseline_rows, magnitude_target_rows,
    reconstruction_error, reconstruction_mean, reconstruction_std, reconstruction_lower,
    reconstruction_upper, reconstruction_components, reconstruction_drifted
    """

  /// The windows of ``datasetHistory(monitor:since:until:driftedOnly:)`` (internal so a test
  /// can check its query plan). Arguments: monitor id, since, until.
  static func datasetHistorySQL(driftedOnly: Bool) -> String {
    """
    SELECT id, window_start, window_end, \(datasetColumns)
    FROM runs
    WHERE monitor_id = ? AND window_start >= ? AND window_start < ? AND status = 'ok'
    \(driftedOnly ? "AND (drifted = 1 OR reconstruction_drifted = 1)" : "")
    ORDER BY window_start
    """
  }

  /// The drifted feature names per run of the same windows. Arguments as above.
  static func datasetDriftedFeaturesSQL(driftedOnly: Bool) -> String {
    // CROSS JOIN keeps the runs range first, then each run's results by primary key.
    """
    SELECT r.id, f.name
    FROM runs r CROSS JOIN feature_results fr ON fr.run_id = r.id
      JOIN features f ON f.id = fr.feature_id
    WHERE r.monitor_id = ? AND r.window_start >= ? AND r.window_start < ? AND r.status = 'ok'
      AND fr.drifted = 1
    \(driftedOnly ? "AND (r.drifted = 1 OR r.reconstruction_drifted = 1)" : "")
    """
  }

  /// Decodes ``datasetColumns`` starting at column `first`; nil when the run stored no verdict.
  ///
  /// A magnitude or reconstruction result exists when its row counts / component count are
  /// stored (never NULL for a computed result); a NULL statistic inside it was a NaN.
  static func datasetSummary(_ row: Row, from first: Int) -> DatasetResult? {
    guard let features: Int = row[first], let driftedFeatures: Int = row[first + 1] else {
      return nil
    }
    func real(_ index: Int) -> Double { (row[first + index] as Double?) ?? .nan }
    var magnitude: DriftMagnitude?
    if let baselineRows: Int = row[first + 8], let targetRows: Int = row[first + 9] {
      magnitude = DriftMagnitude(
        magnitude: real(5), auc: real(6), mcc: real(7), baselineRows: baselineRows,
        targetRows: targetRows)
    }
    var reconstruction: ReconstructionDrift?
    if let components: Int = row[first + 15] {
      reconstruction = ReconstructionDrift(
        error: real(10), baselineMean: real(11), baselineStd: real(12), lower: real(13),
        upper: real(14), components: components, drifted: (row[first + 16] as Bool?) ?? false)
    }
    return DatasetResult(
      features: features, driftedFeatures: driftedFeatures, driftedShare: real(2),
      driftShareThreshold: real(3), drifted: (row[first + 4] as Bool?) ?? false,
      magnitude: magnitude, reconstruction: reconstruction)
  }
}
