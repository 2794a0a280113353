import Crypto
import DriftConfig
import DriftPostgres
import DriftStats
import DriftStore
import Foundation

extension BaselineLoader {
  /// Reads the monitor's `baseline: { postgres: }` in full and profiles it, or takes the
  /// profile from the store's cache when the rows read are ones profiled before.
  ///
  /// The content hash is the SHA-256 of the typed rows (``tableHash(_:)``): the same rows give
  /// the same hash, and so the same cached profile and the same lineage in every window.
  static func loadPostgres(_ monitor: MonitorConfiguration, store: DriftStore) throws(SourceError)
    -> LoadedBaseline
  {
    let table = try readPostgres(monitor)
    let contentHash = tableHash(table)
    let key = cacheKey(contentHash: contentHash, monitor: monitor)
    do {
      if let cached = try store.baseline(hash: key),
        let profile = try? BaselineProfile(encoded: cached.profile)
      {
        return LoadedBaseline(
          contentHash: contentHash, profile: profile, fromCache: true, fileStamp: nil,
          profileKey: key)
      }
    } catch {
      throw SourceError("cannot read the baseline cache: \(error)")
    }
    let profile = try self.profile(consume table, monitor: monitor)
    do {
      try store.saveBaseline(
        StoredBaseline(
          hash: key, path: monitor.baseline.path, rows: profile.rowCount,
          profile: profile.encoded(), createdAt: Int64(Date().timeIntervalSince1970)))
    } catch {
      throw SourceError("cannot cache the baseline profile: \(error)")
    }
    return LoadedBaseline(
      contentHash: contentHash, profile: profile, fromCache: false, fileStamp: nil,
      profileKey: key)
  }

  /// The rows of the monitor's database baseline, typed as a baseline file's would be.
  static func readPostgres(_ monitor: MonitorConfiguration) throws(SourceError) -> Table {
    guard let baseline = monitor.baseline.postgres else {
      throw SourceError("monitor '\(monitor.name)': the baseline is a file, not postgres:")
    }
    let query = PostgresBaselineQuery(
      baseline: baseline, timestampColumn: monitor.target.timestampColumn)
    do {
      return try query.read(
        columns: monitor.features.include.map(Set.init),
        exclude: Set(monitor.features.exclude + [monitor.target.timestampColumn]),
        kinds: monitor.features.types, onBadRow: monitor.onBadRow)
    } catch {
      throw SourceError("monitor '\(monitor.name)': baseline: \(error.message)")
    }
  }

  /// Hex SHA-256 of a table's typed content: each column's name, kind and values (the bits of
  /// each number; each label, or a mark for a missing one), in order.
  static func tableHash(_ table: Table) -> String {
    var hasher = SHA256()
    func add(_ text: String) {
      hasher.update(data: Data(text.utf8))
      hasher.update(data: Data([0]))
    }
    add("rows=\(table.rowCount)")
    for column in table.columns {
      add(column.name)
      add(column.kind.rawValue)
      switch column.values {
      case .numeric(let numbers):
        numbers.values.withUnsafeBytes { hasher.update(bufferPointer: $0) }
      case .categorical(let labels):
        for code in labels.codes {
          if code < 0 {
            hasher.update(data: Data([1]))
          } else {
            hasher.update(data: Data([2]))
            add(labels.categories[Int(code)])
          }
        }
      }
    }
    return Hex.string(hasher.finalize())
  }
}
