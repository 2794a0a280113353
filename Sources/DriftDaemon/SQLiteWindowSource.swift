import DriftData
import DriftStats
import DriftStore

/// Reads one window of target data with the monitor's SQL query (bound `:start` / `:end`).
struct SQLiteWindowSource: WindowSource {
  var path: String
  var query: String
  var timestampColumn: String
  var onBadRow: BadRowPolicy

  func read(
    window: Window, store: DriftStore, monitor: String, kinds: [String: ColumnKind],
    features: [String]
  ) throws(SourceError) -> (table: Table, rejectedRows: Int) {
    do {
      return try TargetQuery.read(
        path: path, query: query, start: window.start, end: window.end, features: features,
        kinds: kinds,
        onBadRow: onBadRow)
    } catch {
      throw SourceError(error.message)
    }
  }
}
