import DriftConfig
import Testing

@Suite struct ConfigHashTests {
  static let original = """
    defaults:
      thresholds: { psi: { statistic: 0.2 } }
      correction: bh
    monitors:
      - name: credit
        baseline: { path: /b.csv }
        target: { files: /t/*.csv, timestamp_column: ts }
        features: { include: [income, zip], types: { zip: categorical, income: numeric } }
        thresholds: { income: { psi: { statistic: 0.1 }, ks: { p_value: 0.001 } } }
        schedule: { window: 1h, delay: 10m }
    """

  /// The same settings: keys reordered, defaults moved to an include, the default threshold and
  /// delay unit written differently.
  static let reordered = """
    include: defaults.yaml
    monitors:
      - schedule: { delay: 600s, window: 1h }
        thresholds: { income: { ks: { p_value: 0.001 }, psi: { statistic: 0.1 } } }
        features: { types: { income: numeric, zip: categorical }, include: [income, zip] }
        target: { timestamp_column: ts, files: /t/*.csv }
        baseline: { path: /b.csv }
        name: credit
    """

  static func hash(_ main: String, extraFiles: [String: String] = [:]) throws -> String {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    for (name, text) in extraFiles { try dir.write(name, text) }
    let path = try dir.write("driftwatch.yaml", main)
    let config = try ConfigLoader.load(path: path, environment: [:], checkFiles: false)
    return try #require(config.monitors.first).configHash
  }

  @Test func sameSettingsGiveTheSameHash() throws {
    let first = try Self.hash(Self.original)
    let second = try Self.hash(
      Self.reordered,
      extraFiles: [
        "defaults.yaml": "defaults:\n  correction: bh\n  thresholds:\n    psi: { statistic: 0.2 }\n"
      ])
    #expect(first == second)
    #expect(first.count == 64 && first.allSatisfy(\.isHexDigit))
  }

  @Test(arguments: [
    ("psi: { statistic: 0.2 }", "psi: { statistic: 0.25 }"),
    ("ks: { p_value: 0.001 }", "ks: { p_value: 0.01 }"),
    ("window: 1h", "window: 2h"),
    ("correction: bh", "correction: bonferroni"),
  ])
  func changedSettingGivesAnotherHash(_ change: (String, String)) throws {
    let changed = Self.original.replacingOccurrences(of: change.0, with: change.1)
    #expect(changed != Self.original)
    #expect(try Self.hash(changed) != Self.hash(Self.original))
  }
}
