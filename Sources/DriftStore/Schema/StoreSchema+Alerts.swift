import GRDB

extension StoreSchema {
  /// Alert state per (monitor, rule, feature), the log of alert transitions, and the outbox
  /// the dispatcher delivers from.
  ///
  /// All three are written in the transaction that stores the window which decided them
  /// (``DriftStore/record(_:replace:now:alerts:)``). `feature` is '' for a rule over the whole
  /// monitor. The outbox holds one row per (notification, notifier): the payload is the UTF-8
  /// JSON sent, stored once so every retry sends the same bytes; a row is pending while both
  /// `delivered_at` and `dead_at` are NULL.
  static func createAlerts(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE alert_state (
          monitor_id INTEGER NOT NULL REFERENCES monitors(id),
          rule TEXT NOT NULL,
          feature TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('inactive', 'pending', 'firing', 'resolved')),
          consecutive INTEGER NOT NULL,
          since INTEGER NOT NULL,
          last_window_start INTEGER NOT NULL,
          last_notified_at INTEGER,
          PRIMARY KEY (monitor_id, rule, feature)
        ) WITHOUT ROWID;
        CREATE TABLE alert_events (
          id INTEGER PRIMARY KEY,
          monitor_id INTEGER NOT NULL REFERENCES monitors(id),
          rule TEXT NOT NULL,
          feature TEXT NOT NULL,
          window_start INTEGER NOT NULL,
          from_state TEXT NOT NULL,
          to_state TEXT NOT NULL,
          severity TEXT NOT NULL,
          notification_id TEXT,
          created_at INTEGER NOT NULL
        );
        -- driftwatch alerts --monitor M --since T: a range of this index.
        CREATE INDEX alert_events_by_window ON alert_events (monitor_id, window_start);
        CREATE TABLE outbox (
          notification_id TEXT NOT NULL,
          notifier TEXT NOT NULL,
          monitor_id INTEGER NOT NULL,
          window_start INTEGER NOT NULL,
          payload BLOB NOT NULL /* UTF-8 JSON */,
          created_at INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_error TEXT,
          delivered_at INTEGER,
          dead_at INTEGER,
          dead_reason TEXT,
          PRIMARY KEY (notification_id, notifier)
        ) WITHOUT ROWID;
        -- The dispatcher's pending rows (delivered_at IS NULL AND dead_at IS NULL) by due time.
        -- Due rows only: the dispatcher's query stays cheap however many rows were delivered.
        CREATE INDEX outbox_due ON outbox (next_attempt_at)
          WHERE delivered_at IS NULL AND dead_at IS NULL;
        """)
  }
}
