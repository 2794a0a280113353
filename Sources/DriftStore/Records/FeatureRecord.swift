import DriftStats

/// One test result on one feature of a window, as stored in `feature_results`.
///
/// Doubles are stored as SQLite REAL (IEEE 754 binary64) and read back bit for bit, including
/// infinities; SQLite stores NaN as NULL, so a NaN comes back as `nil`.
public struct FeatureRecord: Sendable, Equatable {
  /// Feature name.
  public var feature: String
  /// Feature kind.
  public var kind: ColumnKind
  /// Which test.
  public var test: DriftTest
  /// The statistic or distance; `nil` when the test could not be computed.
  public var statistic: Double?
  /// The raw p-value of a hypothesis test.
  public var pValue: Double?
  /// The p-value after the multiple-testing correction.
  public var adjustedPValue: Double?
  /// The threshold that decided the verdict; an empty threshold is stored as none (`nil`).
  public var threshold: Threshold?
  /// The effect size of a hypothesis test.
  public var effect: Double?
  /// Whether this test signalled drift.
  public var drifted: Bool
  /// Why the test could not be computed, if it could not.
  public var error: String?
  /// How exactly a push-down window's result was computed; `nil` (exact) for other windows.
  public var exactness: Exactness? = nil

  /// Creates a record.
  public init(
    feature: String, kind: ColumnKind, test: DriftTest, statistic: Double? = nil,
    pValue: Double? = nil, adjustedPValue: Double? = nil, threshold: Threshold? = nil,
    effect: Double? = nil, drifted: Bool, error: String? = nil
  ) {
    self.feature = feature
    self.kind = kind
    self.test = test
    self.statistic = statistic
    self.pValue = pValue
    self.adjustedPValue = adjustedPValue
    self.threshold = threshold
    self.effect = effect
    self.drifted = drifted
    self.error = error
  }

  /// The record of `result`, a test run on `feature`.
  public init(feature: FeatureResult, result: TestResult) {
    self.init(
      feature: feature.name, kind: feature.kind, test: result.test, statistic: result.statistic,
      pValue: result.pValue, adjustedPValue: result.adjustedPValue, threshold: result.threshold,
      effect: result.effect, drifted: result.drifted, error: result.error)
    self.exactness = result.exactness
  }
}
