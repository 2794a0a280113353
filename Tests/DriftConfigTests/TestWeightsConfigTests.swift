import DriftConfig
import DriftStats
import Testing

/// `test_weights:` in the YAML: the default table, single entries merged over it, and `equal`
/// (every member weighs 1, the plain correction).
@Suite struct TestWeightsConfigTests {
  static func monitors(_ defaults: String, _ overrides: [String]) throws -> [DriftSettings] {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let monitors = overrides.enumerated().map { index, text in
      """
        - name: m\(index)
          baseline: { path: b.csv }
          target: { files: "t/*.csv", timestamp_column: ts }
          schedule: { window: 1h }
      \(text.isEmpty ? "" : "    " + text + "\n")
      """
    }
    let yaml =
      "storage: { path: s.db }\n" + (defaults.isEmpty ? "" : "defaults:\n  \(defaults)\n")
      + "monitors:\n" + monitors.joined()
    let main = try dir.write("driftwatch.yaml", yaml)
    return try ConfigLoader.load(path: main, environment: [:], checkFiles: false).monitors.map(
      \.settings)
  }

  @Test func defaultTableAndMergedEntries() throws {
    let settings = try Self.monitors(
      "", ["", "test_weights: { ks: 2 }", "test_weights: equal"])
    #expect(settings[0].testWeights == DriftSettings.defaultTestWeights)
    var merged = DriftSettings.defaultTestWeights
    merged[.ks] = 2
    #expect(settings[1].testWeights == merged)
    #expect(settings[2].testWeights.isEmpty)
  }

  @Test func equalInDefaultsThenAMonitorsEntries() throws {
    let settings = try Self.monitors(
      "test_weights: equal", ["", "test_weights: { welch_t: 3 }"])
    #expect(settings[0].testWeights.isEmpty)
    #expect(settings[1].testWeights == [.welchT: 3])
  }

  @Test func otherWordsAreRejected() throws {
    #expect(throws: (any Error).self) { try Self.monitors("test_weights: equals", [""]) }
  }
}
