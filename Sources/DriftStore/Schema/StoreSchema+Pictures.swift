import GRDB

extension StoreSchema {
  /// What the dashboard and `report` draw (issue #17): per window and feature, the target's
  /// summary and both sides' counts on the baseline's bins, as one compact blob
  /// (``FeaturePicture``'s encoding, about 170 bytes for a numeric feature on deciles).
  ///
  /// Self-contained (it only creates its own table), clustered by (run, feature) like
  /// `feature_results`, so a window's pictures are one range of the b-tree and are deleted with
  /// their run. Windows stored before this migration simply have no pictures.
  static func createPictures(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE feature_pictures (
          run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          feature_id INTEGER NOT NULL REFERENCES features(id),
          picture BLOB NOT NULL,
          PRIMARY KEY (run_id, feature_id)
        ) WITHOUT ROWID;
        """)
  }
}
