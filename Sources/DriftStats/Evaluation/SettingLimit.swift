/// The values one numeric drift setting accepts: the single definition that the YAML reader
/// (`DriftConfig`) and the command line (`compare`'s options) both check against, so the two
/// accept and reject exactly the same values.
public struct SettingLimit: Sendable {
  /// The setting's key path in the configuration, below `defaults:` or a monitor
  /// (`drift_share`, `multivariate.variance`); for thresholds the last key (`p_value`).
  public let keyPath: String
  /// What the setting accepts, for messages: `in [0, 1] (a share of the features)`.
  public let rangeText: String
  private let test: @Sendable (Double) -> Bool

  /// Creates a limit.
  public init(_ keyPath: String, _ rangeText: String, accepts: @escaping @Sendable (Double) -> Bool)
  {
    self.keyPath = keyPath
    self.rangeText = rangeText
    self.test = accepts
  }

  /// Whether `value` is accepted: finite and within the range.
  public func accepts(_ value: Double) -> Bool { value.isFinite && test(value) }

  /// `--drift-share` / `drift_share`. 0 means "any drifted feature": the data set drifts when at
  /// least one feature drifted and the drifted share reaches it.
  public static let driftShare = SettingLimit(
    "drift_share", "in [0, 1] (a share of the features; 0: any drifted feature)"
  ) { (0...1).contains($0) }
  /// `--min-effect` / `min_effect`: a share of probability mass.
  public static let minimumEffect = SettingLimit("min_effect", "in [0, 1]") { (0...1).contains($0) }
  /// One entry of `test_weights`: a test's weight in the window family.
  public static let testWeight = SettingLimit("test_weights", "in (0, 100] (a test's weight)") {
    $0 > 0 && $0 <= 100
  }
  /// A threshold's `p_value`.
  public static let pValue = SettingLimit("p_value", "in (0, 1)") { $0 > 0 && $0 < 1 }
  /// A threshold's `statistic`: every statistic compared with it is a size of the change.
  public static let statistic = SettingLimit("statistic", "at least 0") { $0 >= 0 }
  /// `--calibrate-sigma` / `calibration.sigma`.
  public static let calibrationSigma = SettingLimit(
    "calibration.sigma", "in (0, 100] (standard deviations from the mean)"
  ) { $0 > 0 && $0 <= 100 }
  /// `--chunk-rows` / `calibration.chunk_rows`.
  public static let chunkRows = SettingLimit("calibration.chunk_rows", "at least 1") {
    $0 >= 1 && $0 == $0.rounded()
  }
  /// `--max-chunks` / `calibration.max_chunks`.
  public static let maxChunks = SettingLimit(
    "calibration.max_chunks", "at least \(CalibrationSettings.minimumChunks)"
  ) { $0 >= Double(CalibrationSettings.minimumChunks) && $0 == $0.rounded() }
  /// `--max-rows` / `multivariate.max_rows`.
  public static let multivariateMaxRows = SettingLimit(
    "multivariate.max_rows", "at least \(MultivariateSettings.minimumRows)"
  ) { $0 >= Double(MultivariateSettings.minimumRows) && $0 == $0.rounded() }
  /// `--pca-variance` / `multivariate.variance`.
  public static let multivariateVariance = SettingLimit(
    "multivariate.variance", "in (0, 1] (a share of the variance)"
  ) { $0 > 0 && $0 <= 1 }
  /// `--pca-sigma` / `multivariate.sigma`.
  public static let multivariateSigma = SettingLimit(
    "multivariate.sigma", "above 0 (standard deviations)"
  ) { $0 > 0 }
}

extension DriftSettings {
  /// Every value outside its ``SettingLimit``, with its key path; empty when all are accepted.
  ///
  /// The command line fills a `DriftSettings` and turns these problems into usage errors; the
  /// YAML reader checks each key against the same limits as it reads it (so a problem carries
  /// the key's file:line:column).
  public func validate() -> [SettingsProblem] {
    var problems: [SettingsProblem] = []
    func check(_ value: Double?, _ limit: SettingLimit, keyPath: String? = nil) {
      guard let value, !limit.accepts(value) else { return }
      problems.append(
        SettingsProblem(
          keyPath: keyPath ?? limit.keyPath,
          message: "must be \(limit.rangeText), got \(SettingLimit.shown(value))"))
    }
    check(driftShare, .driftShare)
    check(minimumEffect, .minimumEffect)
    for (test, threshold) in thresholds.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      check(threshold.pValue, .pValue, keyPath: "thresholds.\(test.rawValue).p_value")
      check(threshold.statistic, .statistic, keyPath: "thresholds.\(test.rawValue).statistic")
    }
    for (feature, tests) in featureThresholds.sorted(by: { $0.key < $1.key }) {
      for (test, threshold) in tests.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
        let path = "thresholds.\(feature).\(test.rawValue)"
        check(threshold.pValue, .pValue, keyPath: "\(path).p_value")
        check(threshold.statistic, .statistic, keyPath: "\(path).statistic")
      }
    }
    for (test, weight) in testWeights.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      check(weight, .testWeight, keyPath: "test_weights.\(test.rawValue)")
    }
    check(calibration.sigma, .calibrationSigma)
    check(calibration.chunkRows.map(Double.init), .chunkRows)
    check(Double(calibration.maxChunks), .maxChunks)
    check(Double(multivariate.maxRows), .multivariateMaxRows)
    check(multivariate.varianceShare, .multivariateVariance)
    check(multivariate.sigma, .multivariateSigma)
    return problems
  }
}

extension SettingLimit {
  /// A value as a person wrote it: `2` rather than `2.0`.
  static func shown(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
