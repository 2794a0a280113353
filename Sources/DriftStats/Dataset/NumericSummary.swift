/// Descriptive statistics of a numeric column, for reports and the drift history.
///
/// Quantiles use numpy's default linear interpolation (see `LinearQuantile`); the standard
/// deviation is the sample one (ddof = 1). Statistics of the finite values are `nil` when there
/// are too few of them: mean, min, quartiles and max need 1, the standard deviation 2.
public struct NumericSummary: Sendable, Equatable, Codable {
  /// All rows: finite, missing and infinite values.
  public var count: Int
  /// Missing values (empty, null or NaN).
  public var missing: Int
  /// +Inf or -Inf values.
  public var infinite: Int
  /// Mean of the finite values.
  public var mean: Double?
  /// Sample standard deviation (ddof = 1) of the finite values.
  public var std: Double?
  /// Smallest finite value.
  public var min: Double?
  /// First quartile.
  public var p25: Double?
  /// Median.
  public var p50: Double?
  /// Third quartile.
  public var p75: Double?
  /// Largest finite value.
  public var max: Double?

  /// Summarizes a sample.
  public init(sample: NumericSample) {
    self.init(sample: sample, moments: sample.count > 0 ? SampleMoments(sample.sorted) : nil)
  }

  /// Summarizes a sample whose moments are already computed (`nil` when it has no finite value).
  init(sample: NumericSample, moments: SampleMoments?) {
    count = sample.count + sample.missing + sample.infinite
    missing = sample.missing
    infinite = sample.infinite
    let sorted = sample.sorted
    guard let first = sorted.first, let last = sorted.last, let moments else { return }
    mean = moments.mean
    std = sorted.count >= 2 ? moments.standardDeviation(ddof: 1) : nil
    min = first
    max = last
    p25 = LinearQuantile.fromSorted(sorted, probability: 0.25)
    p50 = LinearQuantile.fromSorted(sorted, probability: 0.5)
    p75 = LinearQuantile.fromSorted(sorted, probability: 0.75)
  }

  /// Share of the target's finite values below the baseline's minimum or above its maximum.
  ///
  /// Two binary searches in the sorted target, O(log n).
  ///
  /// - Throws: ``StatsError`` when either sample has no finite values.
  public static func shareOutsideBaselineRange(
    baseline: NumericSample, target: NumericSample
  ) throws(StatsError) -> Double {
    guard let low = baseline.sorted.first, let high = baseline.sorted.last, target.count > 0 else {
      throw StatsError(
        "share outside the baseline range needs finite values on both sides "
          + "(baseline \(baseline.count), target \(target.count))")
    }
    let values = target.sorted
    let below = values.partitionPoint { $0 >= low }
    let atOrBelowHigh = values.partitionPoint { $0 > high }
    let outside = below + (values.count - atOrBelowHigh)
    return Double(outside) / Double(values.count)
  }
}
