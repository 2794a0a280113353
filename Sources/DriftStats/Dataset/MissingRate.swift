import CGSL

/// Has the share of missing values changed (`missing_rate`)?
///
/// The statistic is the **absolute** difference of the missing shares,
/// `|targetMissing / targetCount - baselineMissing / baselineCount|`, so that a threshold
/// `statistic > x` fires on a change in either direction. The p-value is the two-sided pooled
/// two-proportion z-test, equal to `scipy.stats.chi2_contingency([[m1, n1 - m1], [m2, n2 - m2]],
/// correction=False)`. When no value is missing anywhere, or every value is, the shares are equal:
/// statistic 0, p-value 1 (scipy rejects that table).
public enum MissingRate {
  /// Compares the missing shares of baseline and target.
  ///
  /// - Parameters:
  ///   - baselineMissing: Missing values in the baseline column.
  ///   - baselineCount: All rows of the baseline column (missing included).
  ///   - targetMissing: Missing values in the target column.
  ///   - targetCount: All rows of the target column (missing included).
  /// - Returns: The absolute difference of missing shares and the two-sided p-value.
  /// - Throws: ``StatsError`` when a side has no rows or a missing count is outside 0...count.
  public static func test(
    baselineMissing: Int, baselineCount: Int, targetMissing: Int, targetCount: Int
  ) throws(StatsError) -> TestOutcome {
    guard baselineCount > 0, targetCount > 0 else {
      throw StatsError(
        "missing-rate test needs rows on both sides (baseline \(baselineCount), "
          + "target \(targetCount))")
    }
    guard (0...baselineCount).contains(baselineMissing), (0...targetCount).contains(targetMissing)
    else {
      throw StatsError(
        "missing counts must lie between 0 and the row count (baseline \(baselineMissing) of "
          + "\(baselineCount), target \(targetMissing) of \(targetCount))")
    }
    let n1 = Double(baselineCount)
    let n2 = Double(targetCount)
    let share1 = Double(baselineMissing) / n1
    let share2 = Double(targetMissing) / n2
    let pooled = Double(baselineMissing + targetMissing) / (n1 + n2)
    let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    guard variance > 0 else { return TestOutcome(statistic: 0, pValue: 1) }
    let difference = abs(share2 - share1)
    let z = difference / variance.squareRoot()
    GSL.prepare()
    let pValue = 2 * gsl_cdf_ugaussian_Q(z)
    return TestOutcome(statistic: difference, pValue: min(max(pValue, 0), 1))
  }
}
