import ArgumentParser
import DriftData
import DriftStats

/// Which tests run and how their results become verdicts.
struct DecisionOptions: ParsableArguments {
  @Option(help: "Tests for every feature type they apply to (comma-separated), e.g. ks,psi.")
  var tests: String?

  @Option(help: "Tests for numeric features (comma-separated); overrides --tests for them.")
  var numericTests: String?

  @Option(help: "Tests for categorical and boolean features (comma-separated).")
  var categoricalTests: String?

  @Option(
    name: .customLong("threshold"),
    help: "A threshold, TEST.p_value=X or TEST.statistic=X (repeatable), e.g. psi.statistic=0.25.")
  var thresholds: [String] = []

  @Option(
    help: "Multiple-testing correction across all tests and features: bh, bonferroni or none.")
  var correction: String = "bh"

  @Option(
    help:
      "What the correction's family is made of: tests (every test's p-value, the default) or features (one Cauchy-combined p-value per feature)."
  )
  var family: String = WindowFamily.tests.rawValue

  @Option(
    name: .customLong("test-weight"),
    help:
      "A test's weight in the window family, TEST=W or TEST,TEST=W (repeatable), e.g. welch_t=2; unlisted tests keep the default table's weight; 'equal' makes every test weigh 1 (plain correction)."
  )
  var testWeights: [String] = []

  @Option(
    help:
      "Smallest effect (KS distance, total variation, missing-share change) for a significant p-value to count as drift (default 0.02)."
  )
  var minEffect: Double = DriftSettings.defaultMinimumEffect

  @Option(help: "Share of drifted features at which the data set counts as drifted.")
  var driftShare: Double = 0.5

  @Option(
    help: ArgumentHelp(
      "Derive these tests' thresholds from the baseline (comma-separated, or all).",
      discussion:
        "The band is mean +/- K standard deviations of the statistic between baseline chunks of the target's size and the rest of the baseline."
    ))
  var calibrate: String?

  @Option(help: "Half-width K of a calibrated band, in standard deviations (default 3).")
  var calibrateSigma: Double = CalibrationSettings.defaultSigma

  @Option(help: "Rows per baseline chunk for --calibrate (default: the target's row count).")
  var chunkRows: Int?

  @Option(help: "At most this many baseline chunks for --calibrate (default 50, at least 5).")
  var maxChunks: Int = CalibrationSettings.defaultMaxChunks

  /// Checks the values with ``DriftSettings/validate()``, the rules the YAML reader applies too.
  func validate() throws {
    guard MultipleTesting.Correction(rawValue: correction) != nil else {
      throw ValidationError("--correction must be bh, bonferroni or none, not '\(correction)'")
    }
    guard WindowFamily(rawValue: family) != nil else {
      let names = WindowFamily.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("--family must be one of \(names), not '\(family)'")
    }
    try SettingsUsage.check(try settings().validate())
  }

  /// The settings these options describe.
  func settings() throws -> DriftSettings {
    var settings = DriftSettings()
    if let tests {
      let parsed = try parseTests(tests, option: "--tests")
      settings.numericTests = parsed.filter(\.appliesToNumeric)
      settings.categoricalTests = parsed.filter(\.appliesToCategorical)
    }
    if let numericTests {
      settings.numericTests = try parseTests(numericTests, option: "--numeric-tests")
      if let bad = settings.numericTests.first(where: { !$0.appliesToNumeric }) {
        throw ValidationError("\(bad.rawValue) does not apply to numeric features")
      }
    }
    if let categoricalTests {
      settings.categoricalTests = try parseTests(categoricalTests, option: "--categorical-tests")
      if let bad = settings.categoricalTests.first(where: { !$0.appliesToCategorical }) {
        throw ValidationError("\(bad.rawValue) does not apply to categorical features")
      }
    }
    for text in thresholds {
      let (test, threshold) = try parseThreshold(text)
      var merged = settings.thresholds[test] ?? Threshold()
      if let p = threshold.pValue { merged.pValue = p }
      if let s = threshold.statistic { merged.statistic = s }
      settings.thresholds[test] = merged
    }
    // validate() has checked the name.
    settings.correction = MultipleTesting.Correction(rawValue: correction) ?? .bh
    settings.family = WindowFamily(rawValue: family) ?? .tests
    for text in testWeights {
      if text == "equal" {
        settings.testWeights = [:]
        continue
      }
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let weight = Double(parts[1]) else {
        throw ValidationError("--test-weight takes TEST=W, e.g. welch_t=2; got '\(text)'")
      }
      // `ks,fligner=0.5` weighs each test named; unnamed tests keep their weight (as with the
      // YAML key); the range is checked by validate(), as for the YAML key.
      let tests = try parseTests(parts[0], option: "--test-weight")
      guard !tests.isEmpty else {
        throw ValidationError("--test-weight takes TEST=W, e.g. welch_t=2; got '\(text)'")
      }
      for test in tests { settings.testWeights[test] = weight }
    }
    settings.minimumEffect = minEffect
    settings.driftShare = driftShare
    settings.calibration = try calibration()
    return settings
  }

  /// The calibration `--calibrate`, `--calibrate-sigma`, `--chunk-rows` and `--max-chunks` ask
  /// for.
  private func calibration() throws -> CalibrationSettings {
    var calibration = CalibrationSettings(
      sigma: calibrateSigma, chunkRows: chunkRows, maxChunks: maxChunks)
    guard let calibrate else { return calibration }
    if calibrate == "all" {
      calibration.selection = .all
      return calibration
    }
    let tests = try parseTests(calibrate, option: "--calibrate")
    if let bad = tests.first(where: { !$0.canBeCalibrated }) {
      throw ValidationError(
        "--calibrate: \(bad.rawValue) cannot be calibrated: its U statistic grows with the "
          + "baseline's size; calibrate ks or wasserstein_norm instead")
    }
    calibration.selection = .tests(tests)
    return calibration
  }

  private func parseTests(_ list: String, option: String) throws -> [DriftTest] {
    let names = DriftTest.allCases.map(\.rawValue)
    return try splitList(list).map { name in
      guard let test = DriftTest(rawValue: name) else {
        throw ValidationError(
          "\(option): unknown test '\(name)'\(Suggestion.didYouMean(name, among: names)); "
            + "known: \(names.joined(separator: ", "))")
      }
      return test
    }
  }

  private func parseThreshold(_ text: String) throws -> (DriftTest, Threshold) {
    let usage = "--threshold takes TEST.p_value=X or TEST.statistic=X, e.g. psi.statistic=0.25"
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, let value = Double(parts[1]), value.isFinite else {
      throw ValidationError("\(usage); got '\(text)'")
    }
    let key = parts[0].split(separator: ".").map(String.init)
    guard key.count == 2 else { throw ValidationError("\(usage); got '\(text)'") }
    let test = try parseTests(key[0], option: "--threshold")[0]
    switch key[1] {
    case "p_value":
      guard test.hasPValue else {
        throw ValidationError(
          "\(test.rawValue) is a distance and has no p-value; use \(test.rawValue).statistic")
      }
      // The range is checked by validate(), as for the YAML key.
      return (test, Threshold(pValue: value))
    case "statistic":
      return (test, Threshold(statistic: value))
    default:
      throw ValidationError("\(usage); '\(key[1])' is neither p_value nor statistic")
    }
  }
}

extension DriftSettings {
  /// Fails when a profiled feature would get no test at all.
  func checkTestsApply(to profile: BaselineProfile) throws(StatsError) {
    for kind in [ColumnKind.numeric, .categorical, .boolean] where tests(for: kind).isEmpty {
      let names = profile.features.filter { $0.kind == kind }.map(\.name)
      if !names.isEmpty {
        throw StatsError(
          "no selected test applies to the \(kind.rawValue) features \(names.joined(separator: ", ")); "
            + "add one with --\(kind == .numeric ? "numeric" : "categorical")-tests or leave them out with --exclude"
        )
      }
    }
  }
}
