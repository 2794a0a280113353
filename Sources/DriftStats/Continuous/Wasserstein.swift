/// The first Wasserstein (earth mover's) distance between two samples.
///
/// ``distance(_:_:)`` matches `scipy.stats.wasserstein_distance(baseline, target)`: the area
/// between the two empirical CDFs, in the unit of the values. It is computed in one merge of the
/// two sorted arrays, O(n1 + n2).
public enum Wasserstein {
  /// The Wasserstein-1 distance between the empirical distributions of the two samples.
  ///
  /// - Throws: ``StatsError`` when either sample has no finite values.
  public static func distance(
    _ baseline: NumericSample, _ target: NumericSample
  ) throws(StatsError) -> Double {
    try EmpiricalCDFGap.integral(baseline, target, name: "Wasserstein distance", power: 1)
  }

  /// The distance divided by the baseline's spread (`wasserstein_norm`): comparable across units.
  ///
  /// The divisor is the baseline's population standard deviation (ddof = 0), which is what
  /// Evidently's `wasserstein` test uses (`np.std(reference)`), so thresholds carry over (0.1 is
  /// Evidently's default). Evidently floors the divisor at an absolute 0.001, which makes the
  /// result depend on the unit of the feature (a feature measured in km with spread 1e-4 would
  /// read 10x too small). We floor it at `1e-12 * max(1, |mean|)` instead: it only matters for a
  /// constant (or numerically constant) baseline, where any movement of the target is certain
  /// drift and comes out as a very large number, while an identical target still gives 0.
  ///
  /// - Throws: ``StatsError`` when either sample has no finite values.
  public static func normalized(
    _ baseline: NumericSample, _ target: NumericSample
  ) throws(StatsError) -> Double {
    let raw = try distance(baseline, target)
    let moments = SampleMoments(baseline.sorted)
    let floor = 1e-12 * max(1, abs(moments.mean))
    let value = raw / max(moments.standardDeviation(ddof: 0), floor)
    guard value.isFinite else {
      throw StatsError("normalized Wasserstein distance overflowed: the values are too large")
    }
    return value
  }

}
