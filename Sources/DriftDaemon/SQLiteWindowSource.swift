import DriftData
import DriftStats
import DriftStore

/// Reads one window of target data with the monitor's SQL query (bound `:start` / `:end`).
struct SQLiteWindowSource: WindowSource, WindowReader {
  var path: String
  var query: String
  var timestampColumn: String
  var onBadRow: BadRowPolicy

  /// Nothing to prepare: each window is one query.
  func open(store: DriftStore, monitor: String) throws(SourceError) -> any WindowReader {
    self
  }

  func read(window: Window, kinds: [String: ColumnKind], features: [String]) throws(SourceError)
    -> (table: Table, rejectedRows: Int)
  {
    do {
      return try TargetQuery.read(
        path: path, query: query, start: window.start, end: window.end, features: features,
        kinds: kinds, onBadRow: onBadRow)
    } catch {
      throw SourceError(error.message)
    }
  }
}
