import DriftData
import GRDB

extension DriftStore {
  /// The oldest and newest stored windows of `monitor` (any status), or nil when none is: where
  /// `history` starts by default, and what it names when a filter matches nothing.
  ///
  /// Two seeks at the ends of the `runs (monitor_id, window_start)` index and one count over
  /// that index range.
  public func storedRange(monitor: String) throws(StoreError) -> StoredRange? {
    try perform("reading the stored windows of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else { return nil }
        func window(_ order: String) throws -> Window? {
          let row = try Row.fetchOne(
            db,
            sql: """
              SELECT window_start, window_end FROM runs WHERE monitor_id = ?
              ORDER BY window_start \(order) LIMIT 1
              """, arguments: [monitorID])
          return row.map { Window(start: $0[0], end: $0[1]) }
        }
        guard let oldest = try window("ASC"), let newest = try window("DESC") else { return nil }
        let count =
          try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM runs WHERE monitor_id = ?", arguments: [monitorID]) ?? 0
        return StoredRange(oldest: oldest, newest: newest, count: count)
      }
    }
  }
}
