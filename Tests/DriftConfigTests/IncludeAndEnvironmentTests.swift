import DriftConfig
import DriftStats
import Testing

@Suite struct IncludeAndEnvironmentTests {
  static func monitorYAML(_ name: String, window: String = "1h") -> String {
    """
      - name: \(name)
        baseline: { path: /b.csv }
        target: { files: /t/*.csv, timestamp_column: ts }
        schedule: { window: \(window) }

    """
  }

  @Test func includesMergeDefaultsAndAppendMonitorsInLoadOrder() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write(
      "driftwatch.yaml",
      """
      include: [alerts/strict.yaml, "conf.d/*.yaml"]
      defaults:
        thresholds: { psi: { statistic: 0.3 } }
        correction: none
      monitors:
      \(Self.monitorYAML("main"))
      """)
    let strict = try dir.write(
      "alerts/strict.yaml",
      """
      defaults:
        thresholds: { ks: { p_value: 0.001 }, psi: { statistic: 0.1 } }
        correction: bonferroni
        drift_share: 0.25
      """)
    // Sorted glob order: a before b, whatever order the files were written in.
    let b = try dir.write("conf.d/b.yaml", "monitors:\n" + Self.monitorYAML("from-b"))
    let a = try dir.write(
      "conf.d/a.yaml",
      "include: ../nested/extra.yaml\nmonitors:\n" + Self.monitorYAML("from-a")
        + "defaults: { drift_share: 0.75 }\n")
    let extra = try dir.write("nested/extra.yaml", "monitors:\n" + Self.monitorYAML("nested"))

    let config = try ConfigLoader.load(path: main, environment: [:], checkFiles: false)
    #expect(config.files == [main, strict, a, extra, b])
    #expect(config.monitors.map(\.name) == ["main", "from-a", "nested", "from-b"])
    let settings = config.monitors[0].settings
    // The main file wins over its includes; a later include over an earlier one.
    #expect(
      settings.thresholds == [.ks: Threshold(pValue: 0.001), .psi: Threshold(statistic: 0.3)])
    #expect(settings.correction == MultipleTesting.Correction.none)
    #expect(settings.driftShare == 0.75)
    #expect(config.monitors.allSatisfy { $0.settings == settings })
  }

  @Test func includeCycleIsReported() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write("main.yaml", "include: a.yaml\n")
    let a = try dir.write("a.yaml", "include: [b.yaml]\n")
    let b = try dir.write("b.yaml", "defaults: {}\ninclude: a.yaml\n")
    let error = try #require(throws: ConfigError.self) {
      try ConfigLoader.load(path: main, environment: [:], checkFiles: false)
    }
    #expect(
      error.issues.map(\.description) == [
        "\(b):2:10: include: include cycle: \(a) -> \(b) -> \(a) (remove one of these includes)"
      ])
  }

  @Test func includeProblemsAreReported() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write(
      "main.yaml", "include:\n  - conf.d/*.yaml\n  - missing.yaml\n  - part.yaml\n  - part.yaml\n")
    let part = try dir.write("part.yaml", "storage: { path: /x.db }\n")
    let error = try #require(throws: ConfigError.self) {
      try ConfigLoader.load(path: main, environment: [:], checkFiles: false)
    }
    #expect(
      error.issues.map(\.description) == [
        "\(main):2:5: include[0]: include 'conf.d/*.yaml' matches no files".replacingOccurrences(
          of: "'conf.d", with: "'\(dir.path)/conf.d")
          + " (check the pattern, or remove the include)",
        "\(main):3:5: include[1]: cannot read included file: '\(dir.path)/missing.yaml' does not exist",
        "\(main):5:5: include[3]: '\(part)' is already included (at \(main):4:5) (include each file once)",
        "\(part):1:1: storage: 'storage' can only be set in the main configuration file "
          + "(move it to the file that includes this one)",
      ])
  }

  @Test func environmentVariablesAreInterpolated() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write(
      "driftwatch.yaml",
      """
      storage: { path: "${STATE}/history.db" }
      monitors:
        - name: ${MODEL:-credit}
          baseline: { path: "${DATA}/base.csv" }
          target:
            sqlite: { path: /p.db, query: "SELECT * FROM t WHERE ts >= :start AND ts < :end AND k = '${TOKEN}' AND c = '$$5'" }
            timestamp_column: ts
          schedule: { window: 1h, min_rows: "${MIN_ROWS:-7}" }
      """)
    let environment = ["STATE": "/var/lib/dw", "DATA": "/data", "TOKEN": "s3cr3t", "MODEL": ""]
    let config = try ConfigLoader.load(path: main, environment: environment, checkFiles: false)
    #expect(config.storage.path == "/var/lib/dw/history.db")
    let monitor = try #require(config.monitors.first)
    #expect(monitor.name == "credit")
    #expect(monitor.baseline.path == "/data/base.csv")
    #expect(monitor.schedule.minRows == 7)
    #expect(
      monitor.target.kind
        == .sqlite(
          path: "/p.db",
          query: "SELECT * FROM t WHERE ts >= :start AND ts < :end AND k = 's3cr3t' AND c = '$5'"))
  }

  @Test func undefinedVariablesAreNamedAndSecretsNeverShown() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write(
      "driftwatch.yaml",
      """
      monitors:
        - name: m
          baseline: { path: "/secret/${API_KEY}.csv" }
          target: { files: "${MISSING_DIR}/*.csv", timestamp_column: ts }
          schedule: { window: "${API_KEY}", min_rows: "${API_KEY}" }
          correction: "${API_KEY}"
      """)
    let error = try #require(throws: ConfigError.self) {
      try ConfigLoader.load(path: main, environment: ["API_KEY": "hunter2"], checkFiles: true)
    }
    let text = error.description
    #expect(!text.contains("hunter2"))
    #expect(
      error.issues.map { "\($0.line):\($0.column) \($0.keyPath): \($0.message)" } == [
        "3:23 monitors[0].baseline.path: baseline file: '/secret/${API_KEY}.csv' does not exist",
        "4:22 monitors[0].target.files: environment variable 'MISSING_DIR' is not set",
        "5:25 monitors[0].schedule.window: '${API_KEY}' is not a window size",
        "5:49 monitors[0].schedule.min_rows: expected a whole number, got '${API_KEY}'",
        "6:17 monitors[0].correction: '${API_KEY}' is not one of bh | bonferroni | none",
      ])
    #expect(
      error.issues[1].hint
        == "set it in the service's environment, or give a default: ${MISSING_DIR:-value}")
  }
}
