import DriftConfig
import DriftData
import DriftStats
import DriftStore

/// Delivers the rows of one window of a monitor's target data.
protocol WindowSource: Sendable {
  /// The window's rows, with the given features read with the baseline's kinds.
  func read(
    window: Window, store: DriftStore, monitor: String, kinds: [String: ColumnKind],
    features: [String]
  ) throws(SourceError) -> (table: Table, rejectedRows: Int)
}

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
    }
  }
}

extension FileWindowSource: WindowSource {
  func read(
    window: Window, store: DriftStore, monitor: String, kinds: [String: ColumnKind],
    features: [String]
  ) throws(SourceError) -> (table: Table, rejectedRows: Int) {
    let old: [CatalogEntry]
    do {
      old = try store.catalog(monitor: monitor)
    } catch {
      throw SourceError("file catalog: \(error)")
    }
    let refreshed = try refreshedCatalog(old)
    if refreshed.changed {
      do {
        try store.replaceCatalog(monitor: monitor, entries: refreshed.entries)
      } catch {
        throw SourceError("file catalog: \(error)")
      }
    }
    return try read(window: window, catalog: refreshed.entries, kinds: kinds, features: features)
  }
}
