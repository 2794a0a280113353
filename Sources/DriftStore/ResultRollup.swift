import DriftStats
import GRDB
import GRDBSQLite

/// The `result_rollups` table (``StoreSchema/createResultRollups(_:)``): per monitor, block of
/// time (a UTC day, and each 4-hour quarter of it), feature and test, the fold of that
/// block's results (``ResultSample/highest(_:_:)``), so a long history page reads a row per block
/// instead of a row per window.
///
/// A block is read for a heat-map column (a group of windows) that covers it whole: days
/// first, then 4-hour blocks at the column's edges, then the remaining windows' results.
///
/// The roll-up is always written from the stored results, read back through the same columns
/// a scan reads (``rawColumns``), so a block holds exactly the values a scan of its windows
/// would fold: SQLite's storage of NaN as NULL and of -0.0 as 0 applies to both.
enum ResultRollup {
  /// Seconds per block, longest first; each divides the one before, and all start at UTC
  /// midnight.
  static let spans: [Int64] = [86_400, 14_400]
  /// Seconds per day: the longest block, the unit a rebuild works in.
  static let day: Int64 = 86_400

  /// The start of the `span`-second block holding `time`; `Int64.min` below the first block.
  static func blockStart(_ time: Int64, span: Int64 = day) -> Int64 {
    let remainder = time % span
    guard remainder < 0 else { return time - remainder }
    let (start, overflow) = (time - remainder).subtractingReportingOverflow(span)
    return overflow ? .min : start
  }

  /// The first `span`-second block start at or after `time`; `Int64.max` past the last one.
  static func nextBlockStart(_ time: Int64, span: Int64 = day) -> Int64 {
    let start = blockStart(time, span: span)
    guard start != time else { return time }
    let (next, overflow) = start.addingReportingOverflow(span)
    return overflow ? .max : next
  }

  /// The result columns a scan reads, in this order: window start, feature id, test id,
  /// statistic, p-value (the adjusted one when stored), threshold p-value, threshold statistic,
  /// calibrated lower and upper bounds, noise level (``threshold(_:from:)``), drifted. `r` is
  /// `runs`, `fr` `feature_results`.
  static let rawColumns = """
    r.window_start, fr.feature_id, fr.test_id, fr.statistic,
    COALESCE(fr.adjusted_p_value, fr.p_value), fr.threshold_p_value, fr.threshold_statistic,
    fr.threshold_lower, fr.threshold_upper, fr.threshold_noise, fr.drifted
    """

  /// The threshold stored in the current row's columns `from`...`from + 4` (p-value,
  /// statistic, lower, upper, noise level); nil when none of p-value, statistic and upper
  /// bound is set.
  static func threshold(_ statement: SQLiteStatement, from index: Int32) -> Threshold? {
    let pValue = double(statement, index)
    let statistic = double(statement, index + 1)
    let upper = double(statement, index + 3)
    guard pValue != nil || statistic != nil || upper != nil else { return nil }
    return Threshold(
      pValue: pValue, statistic: statistic,
      calibrated: upper.map { CalibratedBand(lower: double(statement, index + 2), upper: $0) },
      beyondNoise: double(statement, index + 4))
  }

  /// The REAL column `index` of the statement's current row, nil for NULL: what GRDB's
  /// `Row` reads as a `Double?`, without its per-value decoding (a year's page reads a
  /// hundred thousand rows).
  @inline(__always)
  static func double(_ statement: SQLiteStatement, _ index: Int32) -> Double? {
    // sqlite3_column_type: "the datatype code for the initial data type of the result
    // column"; sqlite3_column_double converts INTEGER to REAL as GRDB does.
    sqlite3_column_type(statement, index) == SQLITE_NULL
      ? nil : sqlite3_column_double(statement, index)
  }

  /// Calls `body` on each row of `statement` (with `arguments`), reading the row's columns
  /// with the C API: GRDB steps the statement and reports its errors.
  static func forEachRow(
    _ statement: Statement, arguments: StatementArguments,
    _ body: (SQLiteStatement) throws -> Void
  ) throws {
    let rows = try Row.fetchCursor(statement, arguments: arguments)
    let raw = statement.sqliteStatement
    while try rows.next() != nil { try body(raw) }
  }

  /// One feature and test's fold over some windows of one day.
  struct Fold {
    var featureID: Int64
    var testID: Int64
    var firstWindow: Int64
    var windows: Int64
    var statistic: Double?
    var pValue: Double?
    var threshold: Threshold?
    var drifted: Bool

    /// The feature and test as one number (the feature id above 16 bits of test id).
    var series: Int64 { featureID << 16 | testID }

    /// The fold of one stored result: the current row of a statement reading ``rawColumns``.
    init(raw statement: SQLiteStatement) {
      featureID = sqlite3_column_int64(statement, 1)
      testID = sqlite3_column_int64(statement, 2)
      firstWindow = sqlite3_column_int64(statement, 0)
      windows = 1
      statistic = ResultRollup.double(statement, 3)
      pValue = ResultRollup.double(statement, 4)
      threshold = ResultRollup.threshold(statement, from: 5)
      drifted = sqlite3_column_int64(statement, 10) != 0
    }

    /// A stored roll-up row: the current row of a statement reading ``foldColumns``.
    init(stored statement: SQLiteStatement) {
      featureID = sqlite3_column_int64(statement, 0)
      testID = sqlite3_column_int64(statement, 1)
      firstWindow = sqlite3_column_int64(statement, 2)
      windows = sqlite3_column_int64(statement, 3)
      statistic = ResultRollup.double(statement, 4)
      pValue = ResultRollup.double(statement, 5)
      threshold = ResultRollup.threshold(statement, from: 6)
      drifted = sqlite3_column_int64(statement, 11) != 0
    }

    /// Folds in `later`, the same pair's fold over later windows (``ResultSample/highest(_:_:)``).
    mutating func fold(_ later: Fold) {
      windows += later.windows
      firstWindow = min(firstWindow, later.firstWindow)
      statistic = ResultSample.highest(statistic, later.statistic)
      pValue = ResultSample.lowest(pValue, later.pValue)
      if let threshold = later.threshold { self.threshold = threshold }
      if later.drifted { drifted = true }
    }

    /// Writes the fold as `monitorID`'s row for the `span`-second block at `start`,
    /// replacing the stored one.
    func save(monitorID: Int64, span: Int64, start: Int64, in db: Database) throws {
      try db.cachedStatement(
        sql: """
          INSERT OR REPLACE INTO result_rollups (monitor_id, span, start, feature_id, test_id,
            first_window, windows, statistic, p_value, threshold_p_value, threshold_statistic,
            threshold_lower, threshold_upper, threshold_noise, drifted)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        monitorID, span, start, featureID, testID, firstWindow, windows, statistic, pValue,
        threshold?.pValue, threshold?.statistic, threshold?.calibrated?.lower,
        threshold?.calibrated?.upper, threshold?.beyondNoise, drifted,
      ])
    }
  }

  /// The roll-up columns ``Fold/init(stored:)`` reads, in its order.
  static let foldColumns = """
    feature_id, test_id, first_window, windows, statistic, p_value, threshold_p_value,
    threshold_statistic, threshold_lower, threshold_upper, threshold_noise, drifted
    """

  /// Folds the results of run `runID` (the newest window of its day) into its blocks' rows:
  /// the window's transaction calls this after inserting the results, one upsert per block
  /// length.
  ///
  /// The upsert is ``Fold/fold(_:)`` in SQL (a test holds it equal to a rebuild): a finite
  /// value is one `BETWEEN` the largest doubles (NULL and the infinities are not); the
  /// threshold's columns are taken together when the new result has a threshold (as
  /// ``threshold(_:from:)`` reads one), and the new row keeps only what that function reads.
  static func add(runID: Int64, monitorID: Int64, windowStart: Int64, in db: Database) throws {
    for span in spans {
      try db.cachedStatement(sql: upsertSQL).execute(arguments: [
        monitorID, span, blockStart(windowStart, span: span), runID,
      ])
    }
  }

  /// ``add(runID:monitorID:windowStart:in:)``'s statement.
  private static let upsertSQL = """
    INSERT INTO result_rollups (monitor_id, span, start, feature_id, test_id, first_window,
      windows, statistic, p_value, threshold_p_value, threshold_statistic, threshold_lower,
      threshold_upper, threshold_noise, drifted)
    SELECT ?, ?, ?, fr.feature_id, fr.test_id, r.window_start, 1, fr.statistic,
      COALESCE(fr.adjusted_p_value, fr.p_value),
      CASE WHEN \(hasThreshold("fr")) THEN fr.threshold_p_value END,
      CASE WHEN \(hasThreshold("fr")) THEN fr.threshold_statistic END,
      CASE WHEN fr.threshold_upper IS NOT NULL THEN fr.threshold_lower END,
      fr.threshold_upper,
      CASE WHEN \(hasThreshold("fr")) THEN fr.threshold_noise END,
      fr.drifted
    FROM runs r CROSS JOIN feature_results fr ON fr.run_id = r.id
    WHERE r.id = ?
    ON CONFLICT (monitor_id, span, start, feature_id, test_id) DO UPDATE SET
      first_window = min(first_window, excluded.first_window),
      windows = windows + excluded.windows,
      statistic = CASE WHEN \(isFinite("statistic"))
        THEN CASE WHEN \(isFinite("excluded.statistic"))
          THEN max(statistic, excluded.statistic) ELSE statistic END
        ELSE excluded.statistic END,
      p_value = CASE WHEN \(isFinite("p_value"))
        THEN CASE WHEN \(isFinite("excluded.p_value"))
          THEN min(p_value, excluded.p_value) ELSE p_value END
        ELSE excluded.p_value END,
      threshold_p_value = CASE WHEN \(hasThreshold("excluded"))
        THEN excluded.threshold_p_value ELSE threshold_p_value END,
      threshold_statistic = CASE WHEN \(hasThreshold("excluded"))
        THEN excluded.threshold_statistic ELSE threshold_statistic END,
      threshold_lower = CASE WHEN \(hasThreshold("excluded"))
        THEN excluded.threshold_lower ELSE threshold_lower END,
      threshold_upper = CASE WHEN \(hasThreshold("excluded"))
        THEN excluded.threshold_upper ELSE threshold_upper END,
      threshold_noise = CASE WHEN \(hasThreshold("excluded"))
        THEN excluded.threshold_noise ELSE threshold_noise END,
      drifted = max(drifted, excluded.drifted)
    """

  /// SQL true when `value` is a finite number (false for NULL and the infinities).
  private static func isFinite(_ value: String) -> String {
    "\(value) BETWEEN -1.7976931348623157e308 AND 1.7976931348623157e308"
  }

  /// SQL true when the threshold columns of table `table` hold a threshold.
  private static func hasThreshold(_ table: String) -> String {
    "(\(table).threshold_p_value IS NOT NULL OR \(table).threshold_statistic IS NOT NULL "
      + "OR \(table).threshold_upper IS NOT NULL)"
  }

  /// Whether `monitorID` has a window starting after `windowStart` on the same day: a window
  /// stored before a later one of its day cannot be folded in as the newest.
  static func hasLaterWindow(monitorID: Int64, after windowStart: Int64, in db: Database) throws
    -> Bool
  {
    let (end, overflow) = blockStart(windowStart).addingReportingOverflow(day)
    return try Bool.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT EXISTS (SELECT 1 FROM runs
            WHERE monitor_id = ? AND window_start > ? AND window_start < ?)
          """), arguments: [monitorID, windowStart, overflow ? Int64.max : end]) ?? false
  }

  /// Rebuilds `monitorID`'s rows for the days starting in `[fromDay, untilDay)` (day starts,
  /// or `Int64.min` / `Int64.max`) from the results stored now: after a window is replaced or
  /// stored before a later one of its day, after a prune, and in the migration.
  static func rebuild(monitorID: Int64, from fromDay: Int64, until untilDay: Int64, in db: Database)
    throws
  {
    try db.execute(
      sql: "DELETE FROM result_rollups WHERE monitor_id = ? AND start >= ? AND start < ?",
      arguments: [monitorID, fromDay, untilDay])
    // Per block length: the open block's start and folds.
    var open = spans.map { (span: $0, start: Int64.min, folds: [Int64: Fold]()) }
    func flush(_ level: Int) throws {
      for fold in open[level].folds.values {
        try fold.save(
          monitorID: monitorID, span: open[level].span, start: open[level].start, in: db)
      }
      open[level].folds.removeAll(keepingCapacity: true)
    }
    // CROSS JOIN keeps the runs index as the outer loop: results arrive in window order, so
    // each block is complete when the next one starts.
    try forEachRow(
      db.cachedStatement(
        sql: """
          SELECT \(rawColumns) FROM runs r CROSS JOIN feature_results fr ON fr.run_id = r.id
          WHERE r.monitor_id = ? AND r.window_start >= ? AND r.window_start < ?
          ORDER BY r.window_start
          """), arguments: [monitorID, fromDay, untilDay]
    ) { statement in
      let result = Fold(raw: statement)
      for level in open.indices {
        let start = blockStart(result.firstWindow, span: open[level].span)
        if start != open[level].start {
          try flush(level)
          open[level].start = start
        }
        if open[level].folds[result.series] == nil {
          open[level].folds[result.series] = result
        } else {
          open[level].folds[result.series]?.fold(result)
        }
      }
    }
    for level in open.indices { try flush(level) }
  }

  /// Brings every monitor's rows up to date after runs whose windows ended before `cutoff`
  /// were deleted: those windows started on days up to `cutoff`'s, so those days are rebuilt
  /// from what remains (the windows still running at the cutoff; usually nothing).
  static func afterPrune(cutoff: Int64, in db: Database) throws {
    let (until, overflow) = blockStart(cutoff).addingReportingOverflow(day)
    let rows = try Row.fetchAll(
      db, sql: "SELECT monitor_id, MIN(start) FROM result_rollups GROUP BY monitor_id")
    for row in rows {
      try rebuild(
        monitorID: row[0], from: blockStart(row[1]), until: overflow ? .max : until, in: db)
    }
  }
}
