import DriftStats

/// One stored test result reduced to what a chart draws: no kind, effect or error text. What
/// ``DriftStore/scanResults(monitor:since:until:_:)`` hands over, one at a time.
public struct ResultSample: Sendable, Equatable {
  /// Start of the window it belongs to.
  public var windowStart: Int64
  /// Feature name.
  public var feature: String
  /// A number for the (feature, test) pair, the same for every sample of the pair within one
  /// scan: cheaper to group by than the names.
  public var series: Int64
  /// The test.
  public var test: DriftTest
  /// The statistic, `nil` when not computed.
  public var statistic: Double?
  /// The adjusted p-value when a correction applied, else the raw one; `nil` for distances.
  public var pValue: Double?
  /// The threshold that decided the verdict.
  public var threshold: Threshold?
  /// Whether this result signalled drift.
  public var drifted: Bool

  /// Creates a sample.
  public init(
    windowStart: Int64, feature: String, series: Int64, test: DriftTest, statistic: Double?,
    pValue: Double?, threshold: Threshold?, drifted: Bool
  ) {
    self.windowStart = windowStart
    self.feature = feature
    self.series = series
    self.test = test
    self.statistic = statistic
    self.pValue = pValue
    self.threshold = threshold
    self.drifted = drifted
  }
}
