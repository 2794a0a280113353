import GRDB

extension StoreSchema {
  /// The bounds of calibrated thresholds in `feature_results`.
  ///
  /// `threshold_upper` is set only for a calibrated threshold (drift above it);
  /// `threshold_lower` only for a two-sided one (drift below it). A fixed threshold keeps using
  /// `threshold_p_value` and `threshold_statistic`, so rows written before stay as they were.
  static func addCalibratedThresholds(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE feature_results ADD COLUMN threshold_lower REAL;
        ALTER TABLE feature_results ADD COLUMN threshold_upper REAL;
        """)
  }
}
