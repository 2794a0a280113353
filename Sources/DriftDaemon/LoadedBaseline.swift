import Crypto
import DriftConfig
import DriftData
import DriftStats
import DriftStore
import Foundation

/// A monitor's baseline, profiled, with the hash that identifies its content.
public struct LoadedBaseline: Sendable {
  /// Hex SHA-256 of the baseline file's bytes: the lineage recorded with every window.
  public var contentHash: String
  /// The profile every window is compared with.
  public var profile: BaselineProfile
  /// Whether the profile came from the store's cache rather than from reading the file.
  public var fromCache: Bool
  /// Size and modification time of the file when it was loaded, to notice a replaced file
  /// (nil for a baseline read from a database).
  var fileStamp: FileStamp?
  /// When it was loaded (seconds since the epoch), for `refresh:` of a database baseline.
  var loadedAt = Date().timeIntervalSince1970
  /// The store's cache key of the profile (content plus everything that shapes the profile):
  /// two baselines with one key have the same profile, which monitors then share in memory.
  var profileKey: String
}
