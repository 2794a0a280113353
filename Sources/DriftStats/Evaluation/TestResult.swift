/// The result of one test on one feature.
public struct TestResult: Sendable, Equatable {
  /// Which test.
  public var test: DriftTest
  /// The statistic or distance; `nil` when the test could not be computed (see ``error``).
  public var statistic: Double?
  /// The raw p-value of a hypothesis test.
  public var pValue: Double?
  /// The p-value after the multiple-testing correction; the verdict uses this one.
  public var adjustedPValue: Double?
  /// The threshold that decided the verdict, `nil` when none applies.
  public var threshold: Threshold?
  /// The effect size gated by ``DriftSettings/minimumEffect`` (hypothesis tests only).
  public var effect: Double?
  /// Whether this test signals drift.
  public var drifted: Bool
  /// Why the test could not be computed, if it could not.
  public var error: String?
  /// How exactly a push-down window's result was computed; `nil` (exact) for every other window.
  public var exactness: Exactness?

  /// Creates a result (the evaluator derives them; the store reads them back).
  public init(
    test: DriftTest, statistic: Double? = nil, pValue: Double? = nil,
    adjustedPValue: Double? = nil, threshold: Threshold? = nil, effect: Double? = nil,
    drifted: Bool, error: String? = nil, exactness: Exactness? = nil
  ) {
    self.test = test
    self.statistic = statistic
    self.pValue = pValue
    self.adjustedPValue = adjustedPValue
    self.threshold = threshold
    self.effect = effect
    self.drifted = drifted
    self.error = error
    self.exactness = exactness
  }
}
