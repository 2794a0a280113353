import GRDB

extension StoreSchema {
  /// The data-set-level multivariate results of a window (issue #6): the domain classifier's
  /// drift magnitude and the reconstruction-error drift, plus each feature's share of the
  /// magnitude.
  ///
  /// Self-contained (it only adds to `runs` and creates its own table), so it can be ordered
  /// before or after other migrations appended after `alerts-v1`.
  ///
  /// - The window-level numbers are one-to-one with a run, so they are columns of `runs`:
  ///   no extra seek per window in history or status, and `ALTER TABLE ... ADD COLUMN` only
  ///   rewrites the schema text, never the table (older rows read NULL). A computed result is
  ///   marked by its integer columns (`magnitude_baseline_rows`, `reconstruction_components`),
  ///   which are never NULL when it exists: a NaN statistic (stored as NULL) then reads back as
  ///   NaN inside a result that exists, not as a missing result.
  /// - A contribution belongs to a feature, not to a (feature, test) result, so it is not a
  ///   column of `feature_results` (that would repeat it on every test row and leave no row to
  ///   hold it for a feature whose tests all failed). `feature_contributions` holds one row per
  ///   (run, feature) that has one, clustered by its key like `feature_results`, so a window's
  ///   contributions are one range of the b-tree and the per-feature history reaches each with
  ///   one primary-key seek; windows without a magnitude cost no row at all.
  static func createMultivariate(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE runs ADD COLUMN magnitude REAL;
        ALTER TABLE runs ADD COLUMN magnitude_auc REAL;
        ALTER TABLE runs ADD COLUMN magnitude_mcc REAL;
        ALTER TABLE runs ADD COLUMN magnitude_baseline_rows INTEGER;
        ALTER TABLE runs ADD COLUMN magnitude_target_rows INTEGER;
        ALTER TABLE runs ADD COLUMN reconstruction_error REAL;
        ALTER TABLE runs ADD COLUMN reconstruction_mean REAL;
        ALTER TABLE runs ADD COLUMN reconstruction_std REAL;
        ALTER TABLE runs ADD COLUMN reconstruction_lower REAL;
        ALTER TABLE runs ADD COLUMN reconstruction_upper REAL;
        ALTER TABLE runs ADD COLUMN reconstruction_components INTEGER;
        ALTER TABLE runs ADD COLUMN reconstruction_drifted INTEGER;
        CREATE TABLE feature_contributions (
          run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          feature_id INTEGER NOT NULL REFERENCES features(id),
          contribution REAL,
          PRIMARY KEY (run_id, feature_id)
        ) WITHOUT ROWID;
        """)
  }
}
