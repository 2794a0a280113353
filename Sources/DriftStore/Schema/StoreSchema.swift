import GRDB

/// The database schema as a list of named migrations, applied in order and recorded by GRDB in
/// `grdb_migrations`. A released migration never changes; a schema change is a new entry
/// (issue #4 appended `alerts-v1`: alert_state, alert_events, outbox; issue #6 `calibration-v1`:
/// the bounds of calibrated thresholds, and `multivariate-v1`: drift magnitude, reconstruction
/// drift, feature contributions; issue #13 `quiet-v1`: the noise level of default distance
/// thresholds; issue #18 `pushdown-v1`: the exactness of push-down results; issue #17
/// `rollup-v1`: the roll-up of feature results by day and 4-hour block).
enum StoreSchema {
  /// Every migration, oldest first.
  static let migrations: [(name: String, apply: @Sendable (Database) throws -> Void)] = [
    ("history-v1", createHistory),
    ("alerts-v1", createAlerts),
    ("calibration-v1", addCalibratedThresholds),
    ("multivariate-v1", createMultivariate),
    ("quiet-v1", addNoiseLevel),
    ("pictures-v1", createPictures),
    ("pushdown-v1", addExactness),
    ("rollup-v1", createResultRollups),
  ]

  /// The migrator that brings any older database up to date.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for migration in migrations {
      migrator.registerMigration(migration.name, migrate: migration.apply)
    }
    return migrator
  }

  /// Monitors, interned names, baselines, runs, feature results, file catalog.
  ///
  /// Sizes: a result row holds three small integers, up to six REALs or NULLs, a 0/1 and
  /// usually a NULL error, in a WITHOUT ROWID table clustered by (run, feature, test), so one
  /// window's results sit together and no separate rowid index exists.
  private static func createHistory(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE monitors (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE
        );
        -- One id per (name, kind): a feature whose kind changes keeps both histories apart.
        CREATE TABLE features (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          kind TEXT NOT NULL,
          UNIQUE (name, kind)
        );
        CREATE TABLE tests (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE
        );
        -- Profiles can be megabytes: a rowid table keeps them out of the key b-tree.
        CREATE TABLE baselines (
          id INTEGER PRIMARY KEY,
          hash TEXT NOT NULL UNIQUE,
          path TEXT NOT NULL,
          rows INTEGER NOT NULL,
          profile BLOB NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE runs (
          id INTEGER PRIMARY KEY,
          monitor_id INTEGER NOT NULL REFERENCES monitors(id),
          window_start INTEGER NOT NULL,
          window_end INTEGER NOT NULL,
          status TEXT NOT NULL
            CHECK (status IN ('ok', 'insufficient_data', 'failed', 'skipped')),
          rows INTEGER NOT NULL,
          rejected_rows INTEGER NOT NULL,
          error TEXT,
          baseline_hash TEXT,
          config_hash TEXT,
          attempts INTEGER NOT NULL,
          next_attempt_at INTEGER,
          started_at REAL NOT NULL,
          finished_at REAL NOT NULL,
          features INTEGER,
          drifted_features INTEGER,
          drifted_share REAL,
          drift_share_threshold REAL,
          drifted INTEGER,
          UNIQUE (monitor_id, window_start)
        );
        -- status: counts, last failure and failing-since are index seeks, not table scans.
        CREATE INDEX runs_by_status ON runs (monitor_id, status, window_start);
        -- prune: the runs to delete are a range of this index.
        CREATE INDEX runs_by_end ON runs (window_end);
        CREATE TABLE feature_results (
          run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          feature_id INTEGER NOT NULL REFERENCES features(id),
          test_id INTEGER NOT NULL REFERENCES tests(id),
          statistic REAL,
          p_value REAL,
          adjusted_p_value REAL,
          threshold_p_value REAL,
          threshold_statistic REAL,
          effect REAL,
          drifted INTEGER NOT NULL,
          error TEXT,
          PRIMARY KEY (run_id, feature_id, test_id)
        ) WITHOUT ROWID;
        CREATE TABLE file_catalog (
          monitor_id INTEGER NOT NULL REFERENCES monitors(id),
          path TEXT NOT NULL,
          size INTEGER NOT NULL,
          mtime_ns INTEGER NOT NULL,
          min_timestamp REAL,
          max_timestamp REAL,
          rows INTEGER NOT NULL,
          PRIMARY KEY (monitor_id, path)
        ) WITHOUT ROWID;
        """)
  }
}
