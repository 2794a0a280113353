import Crypto
import DriftConfig
import DriftData
import DriftStats
import DriftStore
import Foundation

/// Inode, size and modification time of a file.
struct FileStamp: Sendable, Equatable {
  var inode: UInt64
  var size: Int64
  var mtime: Int64

  init(path: String) throws(SourceError) {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw SourceError("\(path): cannot read the baseline: \(String(cString: strerror(errno)))")
    }
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
  }
}

/// Profiles baselines once per content (and feature selection), caching profiles in the store.
enum BaselineLoader {
  /// Bins per numeric feature; part of the cache key.
  static let binCount = 10

  /// Loads the monitor's baseline profile, from the store's cache when the content is known.
  static func load(_ monitor: MonitorConfiguration, store: DriftStore) throws(SourceError)
    -> LoadedBaseline
  {
    if monitor.baseline.postgres != nil { return try loadPostgres(monitor, store: store) }
    let path = monitor.baseline.path
    let stamp = try FileStamp(path: path)
    let contentHash = try hashFile(path)
    let key = cacheKey(contentHash: contentHash, monitor: monitor)
    do {
      if let cached = try store.baseline(hash: key),
        let profile = try? BaselineProfile(encoded: cached.profile)
      {
        return LoadedBaseline(
          contentHash: contentHash, profile: profile, fromCache: true, fileStamp: stamp,
          profileKey: key)
      }
    } catch {
      throw SourceError("cannot read the baseline cache: \(error)")
    }
    let profile = try profileFromFile(monitor)
    // The hash and the profile come from two reads: both are of one content only when the file
    // did not change in between (an in-place rewrite under way). Otherwise fail; it is retried.
    guard try FileStamp(path: path) == stamp else {
      throw SourceError(
        "\(path): the baseline changed while it was read (rewritten in place); the window is "
          + "retried. Replace a baseline by renaming a complete file over it")
    }
    do {
      try store.saveBaseline(
        StoredBaseline(
          hash: key, path: path, rows: profile.rowCount, profile: profile.encoded(),
          createdAt: Int64(Date().timeIntervalSince1970)))
    } catch {
      throw SourceError("cannot cache the baseline profile: \(error)")
    }
    return LoadedBaseline(
      contentHash: contentHash, profile: profile, fromCache: false, fileStamp: stamp,
      profileKey: key)
  }

  /// Reads and profiles the baseline file with the monitor's feature selection and types.
  static func profileFromFile(_ monitor: MonitorConfiguration) throws(SourceError)
    -> BaselineProfile
  {
    var options = ReadOptions()
    options.format = monitor.baseline.format
    if let delimiter = monitor.baseline.delimiter { options.delimiter = delimiter }
    options.kinds = monitor.features.types
    options.onBadRow = monitor.onBadRow
    if let include = monitor.features.include { options.columns = Set(include) }
    let table: Table
    do {
      table = try DataReader.read(path: monitor.baseline.path, options: options).table
    } catch {
      throw SourceError(error.description)
    }
    return try profile(consume table, monitor: monitor)
  }

  /// Profiles the baseline's `table` (from a file or a database) with the monitor's settings.
  /// The profile takes the table over (each numeric column sorted in its own array); when
  /// calibration reads the table again, it keeps the columns and the sorts copy them.
  static func profile(_ table: consuming Table, monitor: MonitorConfiguration)
    throws(SourceError) -> BaselineProfile
  {
    let timestamp = monitor.target.timestampColumn
    let excluded = Set(monitor.features.exclude + [timestamp])
    let names =
      (monitor.features.include ?? table.columns.filter { $0.kind != .timestamp }.map(\.name))
      .filter { !excluded.contains($0) }
    guard !names.isEmpty else {
      throw SourceError(
        "\(monitor.baseline.path): no features left to compare after include/exclude")
    }
    // Config validation requires chunk_rows whenever a test is calibrated.
    let chunkRows =
      monitor.settings.calibration.isRequested ? monitor.settings.calibration.chunkRows : nil
    let kept = chunkRows != nil ? table : nil
    var profile: BaselineProfile
    do {
      // With `kept` (calibration) sharing the columns, the profile's sorts copy them.
      profile = try BaselineProfile(
        taking: consume table, featureNames: names, binCount: binCount,
        multivariate: monitor.settings.multivariate)
    } catch {
      throw SourceError("\(monitor.baseline.path): \(error.message)")
    }
    if let kept, let chunkRows {
      profile.calibration = BaselineCalibration(
        table: kept, profile: profile, settings: monitor.settings, chunkRows: chunkRows)
    }
    return profile
  }

  /// The key a profile is cached under: the content plus everything that shapes the profile
  /// (version 2 added the multivariate sample and its settings).
  static func cacheKey(contentHash: String, monitor: MonitorConfiguration) -> String {
    let types = monitor.features.types.sorted { $0.key < $1.key }.map {
      "\($0.key)=\($0.value.rawValue)"
    }
    let parts = [
      "v2", contentHash, "bins=\(binCount)",
      "include=\(monitor.features.include?.joined(separator: ",") ?? "*")",
      "exclude=\(monitor.features.exclude.joined(separator: ","))",
      "types=\(types.joined(separator: ","))",
      "timestamp=\(monitor.target.timestampColumn)",
      "on_bad_row=\(monitor.onBadRow.rawValue)",
      "multivariate=\(monitor.settings.multivariate.profileKey)",
    ]
    // Only calibrated monitors add a line, so the keys of other profiles stay unchanged.
    let calibration =
      monitor.settings.calibrationProfileKey.map { ["calibration=" + $0] } ?? []
    let shape = (parts + calibration).joined(separator: "\n")
    return Hex.string(SHA256.hash(data: Data(shape.utf8)))
  }

  /// Hex SHA-256 of a file, read in 1 MiB blocks.
  static func hashFile(_ path: String) throws(SourceError) -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw SourceError("\(path): cannot open the baseline file")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    while true {
      let block: Data
      do {
        block = try handle.read(upToCount: 1 << 20) ?? Data()
      } catch {
        throw SourceError("\(path): cannot read the baseline file: \(error.localizedDescription)")
      }
      if block.isEmpty { break }
      hasher.update(data: block)
    }
    return Hex.string(hasher.finalize())
  }
}
