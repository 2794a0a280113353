/// The raw result of one statistical test or distance: a statistic and, for tests, a p-value.
public struct TestOutcome: Sendable, Equatable {
  /// The test statistic or distance, always finite.
  public var statistic: Double
  /// The p-value for hypothesis tests; `nil` for distances.
  public var pValue: Double?

  /// Creates an outcome.
  public init(statistic: Double, pValue: Double? = nil) {
    self.statistic = statistic
    self.pValue = pValue
  }
}
