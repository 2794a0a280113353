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

extension ResultSample {
  // How a heat-map column merges its windows, per feature and test: the highest statistic and
  // the lowest p-value (below), the newest threshold, drifted when any was. The rule is
  // associative, which is what lets the roll-up of a day or a 4-hour block stand in for its
  // results (``ResultRollup``).

  /// The larger of two finite values; with one finite, that one; with none, `b` (the later).
  /// Over a sequence: the highest finite value when there is one, else the last value.
  public static func highest(_ a: Double?, _ b: Double?) -> Double? {
    guard let a, a.isFinite else { return b }
    guard let b, b.isFinite else { return a }
    return max(a, b)
  }

  /// The smaller of two finite values; with one finite, that one; with none, `b` (the later).
  /// Over a sequence: the lowest finite value when there is one, else the last value.
  public static func lowest(_ a: Double?, _ b: Double?) -> Double? {
    guard let a, a.isFinite else { return b }
    guard let b, b.isFinite else { return a }
    return min(a, b)
  }
}
