import DriftConfig
import DriftStats
import Testing

@Suite struct MultivariateConfigTests {
  static func load(_ yaml: String) throws -> Configuration {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("driftwatch.yaml", yaml)
    return try ConfigLoader.load(path: path, environment: [:], checkFiles: false)
  }

  static func yaml(defaults: String, monitor: String) -> String {
    """
    defaults:
      multivariate: \(defaults)
    monitors:
      - name: m
        baseline: { path: /b.csv }
        target: { files: /t/*.csv, timestamp_column: ts }
        schedule: { window: 1h }
        multivariate: \(monitor)

    """
  }

  /// A monitor's keys replace the defaults' one by one; unset keys keep the built-in defaults.
  @Test func monitorKeysMergeOverDefaultsKeyByKey() throws {
    let config = try Self.load(
      Self.yaml(
        defaults: "{ seed: 5, sigma: 4, variance: 0.8 }",
        monitor: "{ max_rows: 2000, variance: 0.9 }"))
    let settings = try #require(config.monitors.first).settings.multivariate
    #expect(settings.seed == 5 && settings.sigma == 4)
    #expect(settings.maxRows == 2000 && settings.varianceShare == 0.9)
    #expect(settings.enabled && settings.contributions)
  }

  /// Wrong values and unknown keys are reported with line:column and key path.
  @Test func invalidValuesAreReportedWithPositions() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try dir.write(
      "driftwatch.yaml",
      Self.yaml(
        defaults: "{ variance: 1.5, sigmaa: 3 }",
        monitor: "{ enabled: yes, max_rows: 10 }"))
    let error = try #require(throws: ConfigError.self) {
      try ConfigLoader.load(path: file, environment: [:], checkFiles: false)
    }
    let found = error.issues.map { String($0.description.dropFirst(file.count + 1)) }
    #expect(
      found == [
        "2:29: defaults.multivariate.variance: must be in (0, 1] (a share of the variance), got 1.5",
        "2:34: defaults.multivariate.sigmaa: unknown key 'sigmaa' (did you mean 'sigma'?)",
        "8:30: monitors[0].multivariate.enabled: expected true or false, got 'yes'",
        "8:45: monitors[0].multivariate.max_rows: must be at least 50, got 10",
      ])
  }

  /// The multivariate settings are part of the monitor's configuration hash.
  @Test func settingsChangeTheConfigHash() throws {
    let first = try Self.load(Self.yaml(defaults: "{ seed: 1 }", monitor: "{}"))
    let second = try Self.load(Self.yaml(defaults: "{ seed: 2 }", monitor: "{}"))
    let same = try Self.load(Self.yaml(defaults: "{}", monitor: "{ seed: 1 }"))
    #expect(first.monitors[0].configHash != second.monitors[0].configHash)
    #expect(first.monitors[0].configHash == same.monitors[0].configHash)
  }
}
