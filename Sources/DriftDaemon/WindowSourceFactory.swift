import DriftConfig
import DriftData
import DriftPostgres
import DriftStats
import DriftStore
import Foundation

/// Builds the source a monitor's configuration names.
enum WindowSourceFactory {
  static func source(for monitor: MonitorConfiguration) throws(SourceError) -> any WindowSource {
    switch monitor.target.kind {
    case .files(let pattern, let format, let delimiter):
      return FileWindowSource(
        pattern: pattern, format: format, delimiter: delimiter,
        timestampColumn: monitor.target.timestampColumn, onBadRow: monitor.onBadRow)
    case .sqlite(let path, let query):
      return SQLiteWindowSource(
        path: path, query: query, timestampColumn: monitor.target.timestampColumn,
        onBadRow: monitor.onBadRow)
    case .postgres(let source):
      return PostgresWindowSource(
        monitor: monitor.name,
        query: PostgresWindowQuery(source: source, timestampColumn: monitor.target.timestampColumn),
        onBadRow: monitor.onBadRow)
    }
  }
}
