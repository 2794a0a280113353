import DriftConfig
import DriftData
import DriftStats
import Foundation
import Testing

@Suite struct ConfigLoaderTests {
  static let fullConfig = """
    storage: { path: state/driftwatch.db }
    daemon: { max_concurrent_monitors: 4, tick: 1m }
    defaults:
      tests: { numeric: [ks, wasserstein_norm, psi], categorical: [chisquare, jensenshannon, psi] }
      thresholds: { ks: { p_value: 0.01 }, psi: { statistic: 0.2 } }
      correction: bonferroni
      min_effect: 0.05
      drift_share: 0.3
    monitors:
      - name: credit-model
        baseline: { path: baselines/credit.csv }
        target:
          files: inference/*.csv
          timestamp_column: ts
        features: { include: [income, zip, age], exclude: [id], types: { zip: categorical } }
        thresholds: { income: { psi: { statistic: 0.1 } }, ks: { p_value: 0.001 } }
        drift_share: 0.5
        on_bad_row: skip
        schedule: { window: 1h, delay: 10m, min_rows: 50, catch_up: 168 }
      - name: fraud
        baseline: { path: /abs/fraud.jsonl }
        target:
          sqlite: { path: preds.db, query: "SELECT * FROM inputs WHERE ts >= :start AND ts < :end" }
          timestamp_column: created_at
        tests: { categorical: [tvd] }
        schedule: { window: 1mo }
    """

  @Test func fullConfigurationRoundTrip() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write("driftwatch.yaml", Self.fullConfig)
    let config = try ConfigLoader.load(path: main, environment: [:], checkFiles: false)

    #expect(config.files == [main])
    #expect(config.storage.path == dir.path + "/state/driftwatch.db")
    #expect(config.daemon == DaemonSettings(maxConcurrentMonitors: 4, tick: 60))
    try #require(config.monitors.count == 2)

    let credit = config.monitors[0]
    #expect(credit.name == "credit-model")
    #expect(
      credit.baseline == BaselineSource(path: dir.path + "/baselines/credit.csv", format: .csv))
    #expect(
      credit.target
        == TargetSource(
          kind: .files(pattern: dir.path + "/inference/*.csv", format: nil, delimiter: nil),
          timestampColumn: "ts"))
    #expect(
      credit.features
        == FeatureFilter(
          include: ["income", "zip", "age"], exclude: ["id"], types: ["zip": .categorical]))
    #expect(credit.settings.numericTests == [.ks, .wassersteinNorm, .psi])
    #expect(credit.settings.categoricalTests == [.chisquare, .jensenshannon, .psi])
    #expect(credit.settings.thresholds[.ks] == Threshold(pValue: 0.001))
    #expect(credit.settings.thresholds[.psi] == Threshold(statistic: 0.2))
    #expect(credit.settings.featureThresholds == ["income": [.psi: Threshold(statistic: 0.1)]])
    #expect(credit.settings.threshold(for: .psi, feature: "income") == Threshold(statistic: 0.1))
    #expect(credit.settings.correction == .bonferroni)
    #expect(credit.settings.minimumEffect == 0.05)
    #expect(credit.settings.driftShare == 0.5)
    #expect(credit.schedule == Schedule(window: .hours(1), delay: 600, minRows: 50, catchUp: 168))
    #expect(credit.onBadRow == .skip)
    #expect(credit.configHash.count == 64)

    let fraud = config.monitors[1]
    #expect(fraud.baseline == BaselineSource(path: "/abs/fraud.jsonl", format: .jsonl))
    #expect(
      fraud.target.kind
        == .sqlite(
          path: dir.path + "/preds.db",
          query: "SELECT * FROM inputs WHERE ts >= :start AND ts < :end"))
    #expect(fraud.settings.numericTests == [.ks, .wassersteinNorm, .psi])
    #expect(fraud.settings.categoricalTests == [.tvd])
    #expect(fraud.settings.driftShare == 0.3)
    #expect(fraud.features == FeatureFilter())
    #expect(fraud.onBadRow == .fail)
    #expect(
      fraud.schedule
        == Schedule(
          window: .months(1), delay: Schedule.defaultDelay, minRows: Schedule.defaultMinRows,
          catchUp: Schedule.defaultCatchUp))
  }

  @Test func defaultsWhenSectionsAreMissing() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write("empty.yaml", "")
    let config = try ConfigLoader.load(
      path: main, environment: ["STATE_DIRECTORY": "/var/lib/driftwatch:/other"], checkFiles: false)
    #expect(config.monitors.isEmpty)
    #expect(config.storage.path == "/var/lib/driftwatch/driftwatch.db")
    #expect(config.daemon == DaemonSettings())
    let withoutState = try ConfigLoader.load(path: main, environment: [:], checkFiles: false)
    #expect(
      withoutState.storage.path == FileManager.default.currentDirectoryPath + "/driftwatch.db")
  }

  @Test func checkFilesAcceptsExistingFiles() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("baselines/credit.csv", "a,ts\n1,2\n")
    try dir.makeDirectory("inference")
    try dir.write("preds.db", "")
    try dir.write("/abs-fraud.jsonl", "{}\n")
    let text = Self.fullConfig.replacingOccurrences(of: "/abs/fraud.jsonl", with: "abs-fraud.jsonl")
    let main = try dir.write("driftwatch.yaml", text)
    let config = try ConfigLoader.load(path: main, environment: [:], checkFiles: true)
    #expect(config.monitors.map(\.name) == ["credit-model", "fraud"])
  }

  @Test func checkFilesReportsEveryMissingFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write("driftwatch.yaml", Self.fullConfig)
    let error = try #require(throws: ConfigError.self) {
      try ConfigLoader.load(path: main, environment: [:], checkFiles: true)
    }
    let found = error.issues.map { "\($0.line):\($0.column) \($0.keyPath): \($0.message)" }
    #expect(
      found == [
        "11:23 monitors[0].baseline.path: baseline file: '\(dir.path)/baselines/credit.csv' does not exist",
        "13:14 monitors[0].target.files: the directory of the files glob, '\(dir.path)/inference', does not exist",
        "21:23 monitors[1].baseline.path: baseline file: '/abs/fraud.jsonl' does not exist",
        "23:23 monitors[1].target.sqlite.path: sqlite database: '\(dir.path)/preds.db' does not exist",
      ])
  }
}
