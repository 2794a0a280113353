import DriftConfig
import DriftStore
import Foundation
import Synchronization

/// The loaded baseline of each monitor, kept in memory and reloaded when its file changes.
///
/// Checking costs one `stat` per window; a replaced file (new size or modification time) is
/// hashed again, and a new content hash means a new profile.
///
/// A file renamed over the old one (a new inode) is read at once: it is complete. A file
/// rewritten in place (same inode) is read only once it has been still for ``settle`` seconds:
/// until then windows keep the previous, complete profile, so no window is compared with a
/// half-written file. A change during the read itself fails the window, which is retried.
///
/// A baseline read from PostgreSQL (`baseline: { postgres: }`) is read on first use, kept for
/// the life of the configuration (a reload makes a new cache, so it is read again), and read
/// again once it is `refresh:` seconds old when that is set.
final class BaselineCache: Sendable {
  /// Seconds a changed baseline file must stay unmodified before it is read.
  static let settle = 2.0

  private let loaded = Mutex<[String: LoadedBaseline]>([:])
  /// Monitor keys and content hashes whose calibration problems were already logged.
  private let reported = Mutex<Set<String>>([])

  init() {}

  /// The monitor's baseline, loading or reloading it when needed.
  func baseline(for monitor: MonitorConfiguration, store: DriftStore) throws(SourceError)
    -> LoadedBaseline
  {
    let key = monitor.name + "\n" + monitor.configHash
    if let postgres = monitor.baseline.postgres {
      // Read once per configuration (a reload starts a new cache), and again after refresh:.
      if let current = loaded.withLock({ $0[key] }) {
        let age = Date().timeIntervalSince1970 - current.loadedAt
        guard let refresh = postgres.refresh, age >= Double(refresh) else { return current }
      }
      return remember(try BaselineLoader.load(monitor, store: store), key: key)
    }
    let stamp = try FileStamp(path: monitor.baseline.path)
    if let current = loaded.withLock({ $0[key] }) {
      let age = Date().timeIntervalSince1970 - Double(stamp.mtime) / 1e9
      if current.fileStamp == stamp { return current }
      if current.fileStamp?.inode == stamp.inode && age < Self.settle { return current }
    }
    return remember(try BaselineLoader.load(monitor, store: store), key: key)
  }

  /// Keeps `fresh` as the loaded baseline under `key`.
  private func remember(_ loadedBaseline: LoadedBaseline, key: String) -> LoadedBaseline {
    var fresh = loadedBaseline
    return loaded.withLock {
      // Monitors whose baselines have one profile key (same content, same profile settings)
      // share one profile in memory: its arrays are copy-on-write and never written after
      // loading, so each monitor keeps one reference instead of its own copy.
      if let twin = $0.values.first(where: { $0.profileKey == fresh.profileKey }) {
        fresh.profile = twin.profile
      }
      $0[key] = fresh
      return fresh
    }
  }

  /// The reasons the monitor's loaded baseline falls back to fixed thresholds for calibrated
  /// tests, returned once per monitor settings and baseline content (so they are logged once).
  func unreportedCalibrationProblems(for monitor: MonitorConfiguration) -> [String] {
    let key = monitor.name + "\n" + monitor.configHash
    guard let current = loaded.withLock({ $0[key] }),
      let problems = current.profile.calibration?.problems, !problems.isEmpty
    else { return [] }
    let isNew = reported.withLock { $0.insert(key + "\n" + current.contentHash).inserted }
    return isNew ? problems : []
  }

  /// Forgets every loaded baseline except those of `keep` (after a configuration reload).
  func retain(_ keep: [MonitorConfiguration]) {
    let keys = Set(keep.map { $0.name + "\n" + $0.configHash })
    loaded.withLock { $0 = $0.filter { keys.contains($0.key) } }
  }
}
