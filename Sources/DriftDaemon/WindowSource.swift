import DriftConfig
import DriftData
import DriftPostgres
import DriftStats
import DriftStore
import Foundation

/// A monitor's target data source, opened once per pass over its due windows.
protocol WindowSource: Sendable {
  /// Gets ready to read windows: for files, brings the catalog up to date (one glob and one
  /// `stat` per file, once per pass rather than once per window).
  func open(store: DriftStore, monitor: String) throws(SourceError) -> any WindowReader
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
///
/// A file is parsed once per pass and kept while its rows fit the cache, so a file that spans
/// several windows (a daily file, hourly windows) is not read again for each of them.
final class CatalogedFiles: WindowReader, @unchecked Sendable {
  /// Most values (rows x columns) kept parsed at once, about 160 MB of columns.
  static let cacheLimit = 20_000_000

  let source: FileWindowSource
  let catalog: [CatalogEntry]
  // Guarded by `lock`; one pass reads its windows one after another, the lock only makes that
  // safe to rely on.
  private let lock = NSLock()
  private var parsed: [String: FileWindowSource.FileRows] = [:]
  private var cachedValues = 0
  /// The schema the cached files were read with (a baseline replaced mid-pass changes it).
  private var cachedSchema: (kinds: [String: ColumnKind], features: [String])?

  init(source: FileWindowSource, catalog: [CatalogEntry]) {
    self.source = source
    self.catalog = catalog
  }

  func read(window: Window, kinds: [String: ColumnKind], features: [String]) throws(SourceError)
    -> (table: Table, rejectedRows: Int)
  {
    lock.withLock {
      if let schema = cachedSchema, schema.kinds != kinds || schema.features != features {
        parsed = [:]
        cachedValues = 0
      }
      cachedSchema = (kinds, features)
    }
    return try source.read(window: window, catalog: catalog) { entry throws(SourceError) in
      if let file = lock.withLock({ parsed[entry.path] }) { return file }
      let file = try source.load(entry, kinds: kinds, features: features)
      let values = file.table.rowCount * max(file.table.columns.count, 1)
      lock.withLock {
        if cachedValues + values <= Self.cacheLimit {
          parsed[entry.path] = file
          cachedValues += values
        }
      }
      return file
    }
  }
}
