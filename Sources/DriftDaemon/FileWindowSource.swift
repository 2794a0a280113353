import DriftData
import DriftStats
import DriftStore
import Foundation

/// Reads one window of a monitor's target data from files matched by a glob.
///
/// The catalog in the store remembers each file's size, modification time and timestamp range,
/// so a window reads only the files whose range overlaps it and an unchanged old file is never
/// opened again: the cost of a window follows its own data, not the history kept.
struct FileWindowSource: Sendable {
  var pattern: String
  var format: DataFormat?
  var delimiter: UInt8?
  var timestampColumn: String
  var onBadRow: BadRowPolicy

  /// The files the glob matches now, sorted, with their size and modification time.
  func matchingFiles() throws(SourceError) -> [(path: String, size: Int64, mtime: Int64)] {
    var result = [(path: String, size: Int64, mtime: Int64)]()
    for path in try Glob.expand(pattern) {
      var info = stat()
      guard stat(path, &info) == 0 else { continue }  // vanished between glob and stat
      guard (info.st_mode & S_IFMT) == S_IFREG else { continue }
      let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
      result.append((path, Int64(info.st_size), mtime))
    }
    return result
  }

  /// Brings the catalog up to date: files that are new or changed are read once (their timestamp
  /// column only) to learn their time range; unchanged entries are kept as they are.
  func refreshedCatalog(_ old: [CatalogEntry]) throws(SourceError) -> (
    entries: [CatalogEntry], changed: Bool
  ) {
    let known = Dictionary(old.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    var entries = [CatalogEntry]()
    var changed = false
    for file in try matchingFiles() {
      if let entry = known[file.path], entry.size == file.size, entry.mtimeNanoseconds == file.mtime
      {
        entries.append(entry)
        continue
      }
      changed = true
      let range = try timeRange(of: file.path)
      entries.append(
        CatalogEntry(
          path: file.path, size: file.size, mtimeNanoseconds: file.mtime, minTimestamp: range.min,
          maxTimestamp: range.max, rows: range.rows))
    }
    if entries.count != old.count { changed = true }
    return (entries, changed)
  }

  /// One file read with the baseline's kinds: its feature columns (in feature order), the
  /// timestamps of its rows, and how many rows were rejected.
  struct FileRows: Sendable {
    var table: Table
    var times: [Double]
    var rejectedRows: Int
  }

  /// Reads the feature columns and timestamps of one cataloged file.
  func load(_ entry: CatalogEntry, kinds: [String: ColumnKind], features: [String])
    throws(SourceError) -> FileRows
  {
    var options = readOptions()
    options.columns = Set(features + [timestampColumn])
    options.kinds = kinds
    let result: ReadResult
    do {
      result = try DataReader.read(path: entry.path, options: options)
    } catch {
      throw SourceError(error.description)
    }
    let times = try timestamps(in: result.table, path: entry.path)
    var table = result.table
    table.columns.removeAll { $0.name == timestampColumn }
    // Files may list columns in different orders; put them in feature order.
    table.columns.sort {
      (features.firstIndex(of: $0.name) ?? 0) < (features.firstIndex(of: $1.name) ?? 0)
    }
    return FileRows(table: table, times: times, rejectedRows: result.table.rejectedRows)
  }

  /// The rows of every cataloged file that fall in `window`, each file's rows from `rows`.
  func read(
    window: Window, catalog: [CatalogEntry],
    rows: (CatalogEntry) throws(SourceError) -> FileRows
  ) throws(SourceError) -> (table: Table, rejectedRows: Int) {
    let overlapping = catalog.filter { entry in
      guard let low = entry.minTimestamp, let high = entry.maxTimestamp else { return false }
      return high >= Double(window.start) && low < Double(window.end)
    }
    var parts = [Table]()
    var rejected = 0
    for entry in overlapping {
      let file = try rows(entry)
      rejected += file.rejectedRows
      parts.append(file.table.filtered(keep: file.times.map { window.contains($0) }))
    }
    do {
      return (try Table.concatenating(parts), rejected)
    } catch {
      throw SourceError(error.message)
    }
  }

  private func readOptions() -> ReadOptions {
    var options = ReadOptions()
    options.format = format
    if let delimiter { options.delimiter = delimiter }
    options.onBadRow = onBadRow
    return options
  }

  /// Minimum and maximum timestamp of a file, reading only its timestamp column.
  private func timeRange(of path: String) throws(SourceError) -> (
    min: Double?, max: Double?, rows: Int
  ) {
    var options = readOptions()
    options.columns = [timestampColumn]
    let result: ReadResult
    do {
      result = try DataReader.read(path: path, options: options)
    } catch {
      throw SourceError(error.description)
    }
    let times = try timestamps(in: result.table, path: path).filter { !$0.isNaN }
    return (times.min(), times.max(), result.table.rowCount)
  }

  /// The timestamp column as seconds since the epoch (RFC 3339 text or epoch-seconds numbers).
  private func timestamps(in table: Table, path: String) throws(SourceError) -> [Double] {
    guard let column = table.column(named: timestampColumn) else {
      throw SourceError("\(path): no timestamp column '\(timestampColumn)'")
    }
    guard case .numeric(let values) = column.values,
      column.kind == .timestamp || column.kind == .numeric
    else {
      throw SourceError(
        "\(path): column '\(timestampColumn)' holds \(column.kind.rawValue) values, not timestamps; "
          + "use RFC 3339 times (2026-11-25T13:00:00Z) or seconds since the epoch")
    }
    return values.values
  }
}
