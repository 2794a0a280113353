import GRDB

extension StoreSchema {
  /// The roll-up of feature results (issue #17's page-time target): per monitor, block of
  /// time (UTC day and 4-hour block, ``ResultRollup/spans``), feature and test, the block's
  /// results folded as a heat-map column folds them (``ResultSample/highest(_:_:)``): the highest
  /// finite statistic (else the last value, NULL or infinite), the lowest finite p-value (the
  /// adjusted one when stored, else the raw one; else the last value), the newest threshold,
  /// drifted if any, the block's first window of the pair (the merged point's place among the
  /// others) and the number of windows folded.
  ///
  /// A year's monitor page reads a few rows per column, feature and test here instead of one
  /// per window. Kept in the window's transaction (``DriftStore/write(_:replace:names:in:)``),
  /// rebuilt for a day whose results are replaced or pruned, and backfilled here from the
  /// stored results.
  static func createResultRollups(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE result_rollups (
          monitor_id INTEGER NOT NULL REFERENCES monitors(id),
          span INTEGER NOT NULL,
          start INTEGER NOT NULL,
          feature_id INTEGER NOT NULL REFERENCES features(id),
          test_id INTEGER NOT NULL REFERENCES tests(id),
          first_window INTEGER NOT NULL,
          windows INTEGER NOT NULL,
          statistic REAL,
          p_value REAL,
          threshold_p_value REAL,
          threshold_statistic REAL,
          threshold_lower REAL,
          threshold_upper REAL,
          threshold_noise REAL,
          drifted INTEGER NOT NULL,
          PRIMARY KEY (monitor_id, span, start, feature_id, test_id)
        ) WITHOUT ROWID;
        """)
    for monitorID in try Int64.fetchAll(db, sql: "SELECT id FROM monitors") {
      try ResultRollup.rebuild(monitorID: monitorID, from: .min, until: .max, in: db)
    }
  }
}
