import GRDB

extension StoreSchema {
  /// The noise level of default distance thresholds in `feature_results` (issue #13).
  ///
  /// `threshold_noise` is set only when the threshold also needed the corrected p-value below it
  /// (``Threshold/beyondNoise``); rows written before, and every other threshold, keep NULL.
  static func addNoiseLevel(_ db: Database) throws {
    try db.execute(sql: "ALTER TABLE feature_results ADD COLUMN threshold_noise REAL;")
  }
}
