import DriftConfig
import DriftStats
import DriftStore
import Foundation
import Testing

@testable import DriftDaemon

/// Monitors with the same baseline profile share it in memory (the idle daemon's size with
/// many monitors), and nothing else changes: each monitor's profile is the one its own file
/// and settings give.
@Suite struct BaselineCacheTests {
  /// A folder with a baseline, a configuration of three monitors (`a` and `b` alike, `c`
  /// without `x`) and a real store.
  struct Setup {
    let folder: String
    let monitors: [MonitorConfiguration]
    let store: DriftStore

    init() throws {
      folder = FileManager.default.temporaryDirectory.path + "/baseline-cache-" + UUID().uuidString
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      var csv = "ts,x,y,colour\n"
      for row in 0..<400 {
        let x = Double((row * 7919) % 1000) / 10
        let y = Double((row * 104_729) % 997) / 7
        csv += "2026-01-01T00:00:00Z,\(x),\(y),\(["red", "green", "blue"][row % 3])\n"
      }
      try csv.write(toFile: folder + "/baseline.csv", atomically: true, encoding: .utf8)
      var yaml = "storage: { path: \(folder)/history.db }\nmonitors:\n"
      for (name, features) in [("a", ""), ("b", ""), ("c", "    features: { exclude: [x] }\n")] {
        yaml += """
            - name: \(name)
              baseline: { path: \(folder)/baseline.csv }
              target: { files: "\(folder)/target/*.csv", timestamp_column: ts }
              schedule: { window: 1h }

          """ + features
      }
      try yaml.write(toFile: folder + "/driftwatch.yaml", atomically: true, encoding: .utf8)
      monitors = try ConfigLoader.load(
        path: folder + "/driftwatch.yaml", environment: [:], checkFiles: false
      ).monitors
      store = try DriftStore(path: folder + "/history.db")
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
  }

  /// The address of the sorted values of the profile's feature `name`.
  static func storage(_ loaded: LoadedBaseline, _ name: String) throws -> UnsafeRawPointer? {
    let feature = try #require(loaded.profile.features.first { $0.name == name })
    guard case .numeric(let numeric) = feature.distribution else {
      Issue.record("\(name) is not numeric")
      return nil
    }
    return numeric.sample.sorted.withUnsafeBytes { $0.baseAddress }
  }

  @Test func monitorsWithOneProfileShareItAndOthersKeepTheirOwn() throws {
    let setup = try Setup()
    defer { setup.remove() }
    let cache = BaselineCache()
    let a = try cache.baseline(for: setup.monitors[0], store: setup.store)
    let b = try cache.baseline(for: setup.monitors[1], store: setup.store)
    let c = try cache.baseline(for: setup.monitors[2], store: setup.store)
    #expect(!a.fromCache)
    #expect(b.fromCache)  // decoded from the store, then replaced by `a`'s copy
    #expect(a.profileKey == b.profileKey)
    #expect(a.profileKey != c.profileKey)
    #expect(try Self.storage(a, "y") == Self.storage(b, "y"))
    #expect(try Self.storage(a, "y") != Self.storage(c, "y"))
    #expect(c.profile.features.map(\.name) == ["y", "colour"])
    // The shared profile is the one `b`'s file and settings give on their own.
    let own = try BaselineLoader.profileFromFile(setup.monitors[1])
    #expect(b.profile.encoded() == own.encoded())
    #expect(b.contentHash == a.contentHash)
  }
}
