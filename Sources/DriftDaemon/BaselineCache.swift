import DriftConfig
import DriftStore
import Synchronization

/// The loaded baseline of each monitor, kept in memory and reloaded when its file changes.
///
/// Checking costs one `stat` per window; a replaced file (new size or modification time) is
/// hashed again, and a new content hash means a new profile.
final class BaselineCache: Sendable {
  private let loaded = Mutex<[String: LoadedBaseline]>([:])
  /// Monitor keys and content hashes whose calibration problems were already logged.
  private let reported = Mutex<Set<String>>([])

  init() {}

  /// The monitor's baseline, loading or reloading it when needed.
  func baseline(for monitor: MonitorConfiguration, store: DriftStore) throws(SourceError)
    -> LoadedBaseline
  {
    let stamp = try FileStamp(path: monitor.baseline.path)
    let key = monitor.name + "\n" + monitor.configHash
    if let current = loaded.withLock({ $0[key] }), current.fileStamp == stamp {
      return current
    }
    let fresh = try BaselineLoader.load(monitor, store: store)
    loaded.withLock { $0[key] = fresh }
    return fresh
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
