import CGSL

/// Welch's unequal-variance t-test (`welch_t`): do baseline and target have the same mean?
///
/// Matches `scipy.stats.ttest_ind(baseline, target, equal_var=False)`: the statistic is
/// `(mean(baseline) - mean(target)) / sqrt(s1²/n1 + s2²/n2)` with sample variances (ddof = 1),
/// so it is positive when the baseline mean is larger; the p-value is two-sided from Student's t
/// with Welch-Satterthwaite degrees of freedom.
///
/// Degenerate cases, defined for a drift monitor (scipy returns NaN for them):
/// - fewer than 2 finite values on a side: throws, a variance cannot be estimated;
/// - both samples constant and equal: statistic 0, p-value 1 (no drift);
/// - both samples constant and different: p-value 0 (certain drift) and statistic
///   `±Double.greatestFiniteMagnitude`, signed like `mean(baseline) - mean(target)`; this is the
///   finite stand-in for the infinite t that a zero standard error gives.
public enum WelchT {
  /// Runs the two-sided test.
  ///
  /// - Parameters:
  ///   - baseline: The reference sample.
  ///   - target: The sample compared with it.
  /// - Returns: The t statistic and its two-sided p-value.
  /// - Throws: ``StatsError`` when a side has fewer than 2 finite values.
  public static func test(
    _ baseline: NumericSample, _ target: NumericSample
  ) throws(StatsError) -> TestOutcome {
    try test(baseline, target, known: nil, nil)
  }

  /// Runs the two-sided test with the moments of either side given when a caller already has
  /// them (a baseline profile keeps its own; a window's summary needs the target's): the same
  /// moments the samples give, so the same result, without another two passes over the values.
  static func test(
    _ baseline: NumericSample, _ target: NumericSample, known baselineMoments: SampleMoments?,
    _ targetMoments: SampleMoments?
  ) throws(StatsError) -> TestOutcome {
    let n1 = baseline.count
    let n2 = target.count
    try requireTwoValues(n1, n2)
    let moments1 = baselineMoments ?? SampleMoments(baseline.sorted)
    let moments2 = targetMoments ?? SampleMoments(target.sorted)
    return try test(
      baseline: (n1, moments1.mean, moments1.squaredDeviations),
      target: (n2, moments2.mean, moments2.squaredDeviations))
  }

  /// Runs the two-sided test from each side's count, mean and sum of squared deviations from
  /// the mean (what a push-down window's moments give, without its values).
  ///
  /// - Throws: ``StatsError`` when a side has fewer than 2 finite values.
  public static func test(
    baseline: (count: Int, mean: Double, squaredDeviations: Double),
    target: (count: Int, mean: Double, squaredDeviations: Double)
  ) throws(StatsError) -> TestOutcome {
    let n1 = baseline.count
    let n2 = target.count
    try requireTwoValues(n1, n2)
    GSL.prepare()
    let mean1 = baseline.mean
    let mean2 = target.mean
    let share1 = baseline.squaredDeviations / Double(n1 - 1) / Double(n1)
    let share2 = target.squaredDeviations / Double(n2 - 1) / Double(n2)
    let squaredError = share1 + share2
    let difference = mean1 - mean2
    guard squaredError > 0 else {
      if difference == 0 { return TestOutcome(statistic: 0, pValue: 1) }
      let sign: Double = difference > 0 ? 1 : -1
      return TestOutcome(statistic: sign * .greatestFiniteMagnitude, pValue: 0)
    }
    let t = difference / squaredError.squareRoot()
    // Welch-Satterthwaite degrees of freedom, with both shares scaled by the larger one so that
    // squaring tiny variances cannot underflow to 0 / 0.
    let scale = max(share1, share2)
    let a = share1 / scale
    let b = share2 / scale
    let freedom = (a + b) * (a + b) / (a * a / Double(n1 - 1) + b * b / Double(n2 - 1))
    let pValue = 2 * gsl_cdf_tdist_Q(abs(t), freedom)
    guard t.isFinite, pValue.isFinite else {
      throw StatsError("Welch's t-test overflowed: the values are too large to compare")
    }
    return TestOutcome(statistic: t, pValue: min(pValue, 1))
  }

  /// Both sides need two finite values (the moments of an empty side are undefined).
  private static func requireTwoValues(_ n1: Int, _ n2: Int) throws(StatsError) {
    guard n1 >= 2, n2 >= 2 else {
      throw StatsError(
        "Welch's t-test needs at least 2 finite values per side (baseline \(n1), target \(n2))")
    }
  }
}
