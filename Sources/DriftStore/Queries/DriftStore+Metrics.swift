import DriftData
import GRDB

extension DriftStore {
  /// Pending and dead outbox rows per notifier, by notifier name.
  public func outboxBacklogByNotifier() throws(StoreError) -> [String: OutboxBacklog] {
    try perform("counting the outbox per notifier") {
      try database.read { db in
        var result: [String: OutboxBacklog] = [:]
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT notifier,
              sum(delivered_at IS NULL AND dead_at IS NULL), sum(dead_at IS NOT NULL)
            FROM outbox GROUP BY notifier ORDER BY notifier
            """)
        for row in rows {
          result[row[0]] = OutboxBacklog(pending: row[1] ?? 0, dead: row[2] ?? 0)
        }
        return result
      }
    }
  }

  /// The most recent window of `monitor` evaluated to a verdict (status `ok`), or nil.
  public func lastEvaluatedWindow(monitor: String) throws(StoreError) -> Window? {
    try perform("reading the last evaluated window of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else {
          return nil
        }
        guard
          let row = try Row.fetchOne(
            db,
            sql: """
              SELECT window_start, window_end FROM runs
              WHERE monitor_id = ? AND status = 'ok' ORDER BY window_start DESC LIMIT 1
              """, arguments: [monitorID])
        else { return nil }
        return Window(start: row[0], end: row[1])
      }
    }
  }
}
