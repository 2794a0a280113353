import Foundation
import Testing

/// The YAML configuration and `compare`'s options accept and reject exactly the same drift
/// settings: every case runs through `config check` (as a `defaults:` key) and through `compare`
/// (as an option), both checked against `DriftSettings.validate()`'s limits.
@Suite(.serialized) struct SettingsFrontDoorTests {
  struct Case: Sendable, CustomStringConvertible {
    /// The key path below `defaults:`.
    var keyPath: String
    /// The YAML written under `defaults:`.
    var yaml: String
    /// The same setting as `compare` options.
    var options: [String]
    var accepted: Bool
    var description: String { "\(yaml) / \(options.joined(separator: " "))" }
  }

  static let cases: [Case] = [
    // drift_share: 0 means "any drifted feature" (the CLI took it; YAML used to refuse it).
    Case(
      keyPath: "drift_share", yaml: "drift_share: 0", options: ["--drift-share", "0"],
      accepted: true),
    Case(
      keyPath: "drift_share", yaml: "drift_share: 1", options: ["--drift-share", "1"],
      accepted: true),
    Case(
      keyPath: "drift_share", yaml: "drift_share: 1.5", options: ["--drift-share", "1.5"],
      accepted: false),
    Case(
      keyPath: "drift_share", yaml: "drift_share: -0.1", options: ["--drift-share=-0.1"],
      accepted: false),
    Case(
      keyPath: "min_effect", yaml: "min_effect: 0.05", options: ["--min-effect", "0.05"],
      accepted: true),
    Case(
      keyPath: "min_effect", yaml: "min_effect: 2", options: ["--min-effect", "2"], accepted: false),
    // A negative statistic threshold (the CLI used to take it; YAML refused it).
    Case(
      keyPath: "thresholds.psi.statistic", yaml: "thresholds: { psi: { statistic: -0.2 } }",
      options: ["--threshold", "psi.statistic=-0.2"], accepted: false),
    Case(
      keyPath: "thresholds.psi.statistic", yaml: "thresholds: { psi: { statistic: 0.25 } }",
      options: ["--threshold", "psi.statistic=0.25"], accepted: true),
    Case(
      keyPath: "thresholds.ks.p_value", yaml: "thresholds: { ks: { p_value: 0.05 } }",
      options: ["--threshold", "ks.p_value=0.05"], accepted: true),
    Case(
      keyPath: "thresholds.ks.p_value", yaml: "thresholds: { ks: { p_value: 1.5 } }",
      options: ["--threshold", "ks.p_value=1.5"], accepted: false),
    Case(
      keyPath: "thresholds.ks.p_value", yaml: "thresholds: { ks: { p_value: 0 } }",
      options: ["--threshold", "ks.p_value=0"], accepted: false),
    Case(
      keyPath: "calibration.sigma", yaml: "calibration: { sigma: 0 }",
      options: ["--calibrate-sigma", "0"], accepted: false),
    Case(
      keyPath: "calibration.sigma", yaml: "calibration: { sigma: 101 }",
      options: ["--calibrate-sigma", "101"], accepted: false),
    Case(
      keyPath: "calibration.max_chunks", yaml: "calibration: { max_chunks: 4 }",
      options: ["--max-chunks", "4"], accepted: false),
    Case(
      keyPath: "calibration.chunk_rows", yaml: "calibration: { chunk_rows: 0 }",
      options: ["--chunk-rows", "0"], accepted: false),
    Case(
      keyPath: "multivariate.variance", yaml: "multivariate: { variance: 0.9 }",
      options: ["--pca-variance", "0.9"], accepted: true),
    Case(
      keyPath: "multivariate.variance", yaml: "multivariate: { variance: 1.5 }",
      options: ["--pca-variance", "1.5"], accepted: false),
    Case(
      keyPath: "multivariate.sigma", yaml: "multivariate: { sigma: 0 }",
      options: ["--pca-sigma", "0"], accepted: false),
    Case(
      keyPath: "multivariate.max_rows", yaml: "multivariate: { max_rows: 10 }",
      options: ["--max-rows", "10"], accepted: false),
    Case(
      keyPath: "multivariate.max_rows", yaml: "multivariate: { max_rows: 100 }",
      options: ["--max-rows", "100"], accepted: true),
    Case(
      keyPath: "family", yaml: "family: features", options: ["--family", "features"],
      accepted: true),
    Case(
      keyPath: "test_weights.welch_t", yaml: "test_weights: { welch_t: 2 }",
      options: ["--test-weight", "welch_t=2"], accepted: true),
    Case(
      keyPath: "test_weights", yaml: "test_weights: equal", options: ["--test-weight", "equal"],
      accepted: true),
    Case(
      keyPath: "test_weights.welch_t", yaml: "test_weights: { welch_t: 0 }",
      options: ["--test-weight", "welch_t=0"], accepted: false),
    Case(
      keyPath: "test_weights.psi", yaml: "test_weights: { psi: 101 }",
      options: ["--test-weight", "psi=101"], accepted: false),
  ]

  /// `--test-weight` with no test before `=` is an error (it used to trap on `,=2`), and a list
  /// of tests weighs each of them.
  @Test func testWeightNeedsATest() throws {
    let base = ["compare", "baselines/credit-baseline.csv", "baselines/credit-stable.csv"]
    for bad in [",=2", " , =2", "=2"] {
      let run = try CLIProcess.run(base + ["--test-weight", bad, "--format", "json"])
      #expect(run.status == 2, "\(bad): \(run.stderr)")
      #expect(run.stderr.contains("--test-weight takes TEST=W"), "\(bad): \(run.stderr)")
    }
    let listed = try CLIProcess.run(base + ["--test-weight", "ks,fligner=0.5", "--format", "json"])
    #expect(listed.status == 0, "\(listed.stderr)")
    let tooHeavy = try CLIProcess.run(
      base + ["--test-weight", "ks,fligner=101", "--format", "json"])
    #expect(tooHeavy.status == 2)
    #expect(tooHeavy.stderr.contains("must be "), "\(tooHeavy.stderr)")
  }

  @Test(arguments: cases)
  func yamlAndCommandLineAgree(_ setting: Case) throws {
    let root = CLIProcess.packageRoot.path
    let folder = try CLIProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent("driftwatch.yaml").path
    try """
    storage: { path: \(folder.path)/driftwatch.db }
    defaults:
      \(setting.yaml)
    monitors:
      - name: m
        baseline: { path: \(root)/baselines/credit-baseline.csv }
        target: { files: "\(root)/baselines/inference/*.csv", timestamp_column: ts }
        schedule: { window: 1h }
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let yaml = try CLIProcess.run(["config", "check", config])
    let cli = try CLIProcess.run(
      [
        "compare", "baselines/credit-baseline.csv", "baselines/credit-stable.csv", "--features",
        "age",
      ]
        + setting.options + ["--format", "json"])
    if setting.accepted {
      #expect(yaml.status == 0, "\(yaml.stderr)")
      #expect(cli.status == 0, "\(cli.stderr)")
    } else {
      #expect(yaml.status == 2)
      #expect(yaml.stderr.contains("defaults.\(setting.keyPath): must be "), "\(yaml.stderr)")
      #expect(cli.status == 2)
      #expect(cli.stderr.contains("must be "), "\(cli.stderr)")
      // The same words on both paths.
      let words = yaml.stderr.components(separatedBy: "must be ").dropFirst().first?
        .components(separatedBy: ", got").first
      let range = try #require(words, "\(yaml.stderr)")
      #expect(cli.stderr.contains(range), "\(cli.stderr) lacks '\(range)'")
    }
  }
}
