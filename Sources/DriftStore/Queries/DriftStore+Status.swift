import DriftData
import GRDB

extension DriftStore {
  /// Per monitor, sorted by name: the latest window, counts by outcome, the latest failure
  /// and since when the monitor has been failing. Every figure is an index seek or an
  /// index-only count, read in one snapshot.
  public func status() throws(StoreError) -> [MonitorStatus] {
    try perform("reading monitor status") {
      try database.read { db in
        let monitors = try Row.fetchAll(db, sql: "SELECT id, name FROM monitors ORDER BY name")
        return try monitors.map { row in
          try status(monitorID: row[0], name: row[1], in: db)
        }
      }
    }
  }

  private func status(monitorID: Int64, name: String, in db: Database) throws -> MonitorStatus {
    var lastWindow: MonitorStatus.LastWindow?
    if let last = try Row.fetchOne(
      db,
      sql: """
        SELECT id, window_start, window_end, status, rows, magnitude FROM runs
        WHERE monitor_id = ? ORDER BY window_start DESC LIMIT 1
        """, arguments: [monitorID])
    {
      let drifted = try String.fetchAll(
        db,
        sql: """
          SELECT DISTINCT f.name FROM feature_results fr JOIN features f ON f.id = fr.feature_id
          WHERE fr.run_id = ? AND fr.drifted = 1 ORDER BY f.name
          """, arguments: [last[0] as Int64])
      lastWindow = MonitorStatus.LastWindow(
        window: Window(start: last[1], end: last[2]), status: try runStatus(last[3]),
        rows: last[4], driftedFeatures: drifted, magnitude: last[5])
    }

    var counts = Dictionary(uniqueKeysWithValues: RunStatus.allCases.map { ($0, 0) })
    for row in try Row.fetchAll(
      db, sql: "SELECT status, count(*) FROM runs WHERE monitor_id = ? GROUP BY status",
      arguments: [monitorID])
    {
      counts[try runStatus(row[0])] = row[1]
    }

    var lastError: MonitorStatus.LastError?
    if let failed = try Row.fetchOne(
      db,
      sql: """
        SELECT window_start, window_end, error FROM runs
        WHERE monitor_id = ? AND status = 'failed' ORDER BY window_start DESC LIMIT 1
        """, arguments: [monitorID])
    {
      lastError = MonitorStatus.LastError(
        window: Window(start: failed[0], end: failed[1]),
        message: failed[2] ?? "failed without a message")
    }

    // Failed windows after the last evaluated one; skipped windows neither start nor end it.
    // One max() per status, so each is a single seek into runs_by_status.
    let failingSince = try Int64.fetchOne(
      db,
      sql: """
        SELECT min(window_start) FROM runs
        WHERE monitor_id = ? AND status = 'failed' AND window_start > max(
          coalesce((SELECT max(window_start) FROM runs
            WHERE monitor_id = ? AND status = 'ok'), ?),
          coalesce((SELECT max(window_start) FROM runs
            WHERE monitor_id = ? AND status = 'insufficient_data'), ?))
        """, arguments: [monitorID, monitorID, Int64.min, monitorID, Int64.min])

    return MonitorStatus(
      monitor: name, lastWindow: lastWindow, counts: counts, lastError: lastError,
      failingSince: failingSince)
  }
}
