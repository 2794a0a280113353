import ArgumentParser
import DriftData
import DriftStats

/// Which features to compare.
struct FeatureSelection: ParsableArguments {
  @Option(
    help: "Compare only these features (comma-separated). Default: every column but timestamps.")
  var features: String?

  @Option(help: "Leave these features out (comma-separated).")
  var exclude: String?

  /// The features named with --features, if any (the only columns the readers need).
  var requestedFeatures: [String]? { features.map(splitList) }

  /// The feature names to compare, checked against the baseline's columns.
  func features(in table: Table, path: String) throws -> [String] {
    let available = table.columns.map(\.name)
    var names =
      features.map(splitList) ?? table.columns.filter { $0.kind != .timestamp }.map(\.name)
    let excluded = Set(exclude.map(splitList) ?? [])
    for name in names + excluded.sorted() where !available.contains(name) {
      StandardError.line(
        "driftwatch: \(path): no column '\(name)'\(Suggestion.didYouMean(name, among: available)); "
          + "columns: \(available.joined(separator: ", "))")
      throw Exit.input
    }
    names.removeAll { excluded.contains($0) }
    if names.isEmpty {
      StandardError.line("driftwatch: no features left to compare; check --features and --exclude")
      throw Exit.input
    }
    return names
  }
}

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

  @Option(help: "Multiple-testing correction across features: bh, bonferroni or none.")
  var correction: String = "bh"

  @Option(
    help:
      "Smallest effect (KS distance, total variation, missing-share change) for a significant p-value to count as drift."
  )
  var minEffect: Double = 0

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

/// How the input files are read.
struct ReadingOptions: ParsableArguments {
  @Option(help: "Column types, NAME=numeric|categorical|boolean|timestamp (comma-separated).")
  var types: String?

  @Option(help: "CSV field delimiter (one character; default ',' and tab for .tsv).")
  var delimiter: String?

  @Option(
    help: "What to do with a malformed row: fail (default) or skip (skipped rows are counted).")
  var onBadRow: String = "fail"

  @Option(help: "Reader threads (default: every core).")
  var threads: Int?

  func validate() throws {
    guard BadRowPolicy(rawValue: onBadRow) != nil else {
      throw ValidationError("--on-bad-row must be fail or skip, not '\(onBadRow)'")
    }
    if let delimiter, delimiter.utf8.count != 1 {
      throw ValidationError("--delimiter must be a single one-byte character, e.g. ';' or '\\t'")
    }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    _ = try kinds()
  }

  /// Per-column type overrides.
  func kinds() throws -> [String: ColumnKind] {
    var kinds = [String: ColumnKind]()
    for item in types.map(splitList) ?? [] {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let kind = ColumnKind(rawValue: parts[1]) else {
        throw ValidationError(
          "--types takes NAME=numeric|categorical|boolean|timestamp, got '\(item)'")
      }
      kinds[parts[0]] = kind
    }
    return kinds
  }

  /// Reader options for the baseline (the target adds the baseline's kinds).
  func options() -> ReadOptions {
    var options = ReadOptions()
    if let delimiter, let byte = delimiter.utf8.first { options.delimiter = byte }
    options.onBadRow = BadRowPolicy(rawValue: onBadRow) ?? .fail
    if let threads { options.threads = threads }
    options.kinds = (try? kinds()) ?? [:]  // validate() has parsed them once already
    return options
  }
}

/// Splits a comma-separated option value, dropping empty items and spaces.
func splitList(_ text: String) -> [String] {
  text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// The data-set-wide measures: drift magnitude and reconstruction error.
struct MultivariateOptions: ParsableArguments {
  @Flag(help: "Skip the drift magnitude, reconstruction error and contributions.")
  var noMultivariate = false

  @Option(help: "Seed of the row samples and shuffles of the drift magnitude (default 0).")
  var seed: UInt64 = 0

  @Option(help: "Most rows per side used for the drift magnitude and reconstruction error.")
  var maxRows: Int = 50_000

  @Option(help: "Share of the baseline's variance the kept principal components explain.")
  var pcaVariance: Double = 0.65

  @Option(help: "Width of the reconstruction error's quiet band, in standard deviations.")
  var pcaSigma: Double = 3

  /// Checks the values with ``DriftSettings/validate()``, the rules the YAML reader applies too.
  func validate() throws {
    try SettingsUsage.check(DriftSettings(multivariate: settings(threads: nil)).validate())
  }

  /// The settings these options describe.
  func settings(threads: Int?) -> MultivariateSettings {
    MultivariateSettings(
      enabled: !noMultivariate, maxRows: maxRows, seed: seed, varianceShare: pcaVariance,
      sigma: pcaSigma, threads: threads)
  }
}
