import GRDB

extension StoreSchema {
  /// The exactness of push-down results in `feature_results` (issue #18).
  ///
  /// `exactness` is `exact` or `binned` for results of push-down windows, with the proven bound of
  /// a binned statistic in `exactness_bound`; every other row keeps NULL (exact).
  static func addExactness(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE feature_results ADD COLUMN exactness TEXT;
        ALTER TABLE feature_results ADD COLUMN exactness_bound REAL;
        """)
  }
}
