import DriftConfig
import DriftData
import DriftStats
import DriftStore

/// A monitor's target data source, opened once per pass over its due windows.
protocol WindowSource: Sendable {
  /// Gets ready to read windows: for files, brings the catalog up to date (one glob and one
  /// `stat` per file, once per pass rather than once per window).
  func open(store: DriftStore, monitor: String) throws(SourceError) -> any WindowReader
}

/// Reads windows of an opened source.
protocol WindowReader: Sendable {
  /// The window's rows, with the given features read with the baseline's kinds.
  func read(window: Window, kinds: [String: ColumnKind], features: [String]) throws(SourceError)
    -> (table: Table, rejectedRows: Int)
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
  func open(store: DriftStore, monitor: String) throws(SourceError) -> any WindowReader {
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
    return CatalogedFiles(source: self, catalog: refreshed.entries)
  }
}

/// The files of a file source as cataloged at the start of a pass.
struct CatalogedFiles: WindowReader {
  var source: FileWindowSource
  var catalog: [CatalogEntry]

  func read(window: Window, kinds: [String: ColumnKind], features: [String]) throws(SourceError)
    -> (table: Table, rejectedRows: Int)
  {
    try source.read(window: window, catalog: catalog, kinds: kinds, features: features)
  }
}
