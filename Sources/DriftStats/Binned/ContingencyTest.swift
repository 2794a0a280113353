import CGSL

/// Tests of homogeneity on the 2 x k table of category counts (baseline row, target row).
///
/// Both match `scipy.stats.chi2_contingency(table, correction=False)` (the G-test with
/// `lambda_="log-likelihood"`) with k - 1 degrees of freedom, after these rules:
/// - categories with zero count on both sides are dropped (scipy would reject the table);
/// - when at most one category remains there is nothing to compare: statistic 0, p-value 1;
/// - a side with no counts at all throws ``StatsError``.
public enum ContingencyTest {
  /// Pearson's chi-square test of homogeneity (`chisquare`).
  ///
  /// - Parameters:
  ///   - baseline: Counts per category in the baseline.
  ///   - target: Counts per category in the target, aligned with `baseline`
  ///     (see ``AlignedCategoryCounts``).
  /// - Returns: The chi-square statistic and its p-value.
  /// - Throws: ``StatsError`` on vectors of different length, negative counts, or an empty side.
  public static func chiSquare(baseline: [Int], target: [Int]) throws(StatsError) -> TestOutcome {
    try homogeneity(baseline, target, name: "chi-square test") { observed, expected in
      let gap = observed - expected
      return gap * gap / expected
    }
  }

  /// The G-test (log-likelihood ratio) of homogeneity (`gtest`): 2 * sum O * ln(O / E).
  ///
  /// - Parameters:
  ///   - baseline: Counts per category in the baseline.
  ///   - target: Counts per category in the target, aligned with `baseline`.
  /// - Returns: The G statistic and its p-value.
  /// - Throws: ``StatsError`` on vectors of different length, negative counts, or an empty side.
  public static func gTest(baseline: [Int], target: [Int]) throws(StatsError) -> TestOutcome {
    try homogeneity(baseline, target, name: "G-test") { observed, expected in
      observed > 0 ? 2 * observed * log(observed / expected) : 0
    }
  }

  /// Sums `term(observed, expected)` over the cells of the reduced 2 x k table.
  static func homogeneity(
    _ baseline: [Int], _ target: [Int], name: String,
    term: (Double, Double) -> Double
  ) throws(StatsError) -> TestOutcome {
    let totals = try CountVectors.totals(baseline, target, name: name)
    let rowB = Double(totals.baseline)
    let rowT = Double(totals.target)
    let total = rowB + rowT
    var statistic = 0.0
    var categories = 0
    for i in baseline.indices where baseline[i] + target[i] > 0 {
      categories += 1
      let column = Double(baseline[i] + target[i])
      statistic += term(Double(baseline[i]), rowB * column / total)
      statistic += term(Double(target[i]), rowT * column / total)
    }
    guard categories > 1 else { return TestOutcome(statistic: 0, pValue: 1) }
    // Rounding can leave a G statistic a few ulps below 0 for proportional rows; it is 0.
    statistic = max(statistic, 0)
    GSL.prepare()
    let pValue = gsl_cdf_chisq_Q(statistic, Double(categories - 1))
    guard statistic.isFinite, pValue.isFinite else {
      throw StatsError("\(name) could not be computed for counts this large")
    }
    return TestOutcome(statistic: statistic, pValue: min(max(pValue, 0), 1))
  }
}
