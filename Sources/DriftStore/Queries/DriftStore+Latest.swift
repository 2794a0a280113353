import GRDB

extension DriftStore {
  /// The start of the newest stored window of `monitor` (any status), or nil when none is.
  ///
  /// One seek at the end of the `runs (monitor_id, window_start)` index: constant cost.
  public func lastWindowStart(monitor: String) throws(StoreError) -> Int64? {
    try perform("reading the newest window of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else { return nil }
        return try Int64.fetchOne(
          db, sql: "SELECT MAX(window_start) FROM runs WHERE monitor_id = ?", arguments: [monitorID]
        )
      }
    }
  }
}
