import CGSL

/// The frequency-order test (`frequency_order`): did mass move between the frequent and the rare
/// categories?
///
/// A Cochran-Armitage trend test on the 2 x k table of category counts, with the categories in
/// order of falling column total (baseline + target rows) and each category scored by its rank in
/// that order (1 = the most frequent; tied totals share their mid-rank). The statistic is
///
///     z = sum_i (s_i - s̄) t_i / sqrt(n_T n_B / (N - 1) * sum_i c_i (s_i - s̄)^2 / N)
///
/// with c_i the column totals, t_i the target's counts, s̄ = sum_i c_i s_i / N, n_T and n_B the
/// two sides' rows and N = n_T + n_B: the target's mean rank standardised by its variance when the
/// target's rows are drawn without replacement from the pooled rows (the permutation law given
/// the margins). The p-value is two-sided, from the normal law. z > 0: the target holds more rows
/// in the rare categories than the baseline (the distribution got flatter, e.g. traffic spread
/// over more values); z < 0: more in the frequent ones (it got more concentrated, e.g. a bot
/// flooding the top value).
///
/// It is one degree of freedom aimed at one kind of change, beside the pooled chi-square's
/// omnibus (as `welch_t` and `fligner` sit beside `ks`): on the decision study's Zipf features
/// it finds 10 % of mass moved from the frequent half to the rare half in about 50-80 % of
/// 300-row windows where the chi-square finds 32-39 % (`scripts/quiet/frequency_order.py`).
/// A move between categories of similar frequency is invisible to it.
///
/// The order comes from the column totals, never from the baseline's counts alone: given the
/// margins, the split of each column between the sides does not depend on the categories' shares
/// under no drift, so the scores are fixed given the margins and the permutation law holds.
/// (An order taken from the baseline's own counts would select on the baseline's noise.)
///
/// The result depends on the counts only, not on the order of the categories in the vectors:
/// categories with the same column total are summed together before any floating-point step.
public enum FrequencyOrderTest {
  /// The test on two aligned count vectors.
  ///
  /// - Parameters:
  ///   - baseline: Counts per category in the baseline.
  ///   - target: Counts per category in the target, aligned with `baseline`.
  /// - Returns: z and its two-sided p-value; z = 0 and p = 1 when the ranks cannot differ (at most
  ///   one category holds rows, or every category has the same column total).
  /// - Throws: ``StatsError`` on vectors of different length, negative counts, or an empty side.
  public static func test(baseline: [Int], target: [Int]) throws(StatsError) -> TestOutcome {
    let name = "frequency-order test"
    let (rowB, rowT) = try CountVectors.totals(baseline, target, name: name)
    let groups = tiedGroups(baseline, target)
    guard groups.count > 1 else { return TestOutcome(statistic: 0, pValue: 1) }
    // Mid-rank of each group: the categories before it, plus the middle of its own run.
    var scores = [Double]()
    scores.reserveCapacity(groups.count)
    var before = 0
    for group in groups {
      scores.append(Double(before) + Double(group.categories + 1) / 2)
      before += group.categories
    }
    let total = Double(rowB + rowT)
    var mean = 0.0
    for (group, score) in zip(groups, scores) {
      mean += Double(group.column) * Double(group.categories) * score
    }
    mean /= total
    var spread = 0.0
    var gap = 0.0
    for (group, score) in zip(groups, scores) {
      let centred = score - mean
      spread += Double(group.column) * Double(group.categories) * centred * centred
      gap += centred * Double(group.target)
    }
    let variance = Double(rowT) * Double(rowB) / (total - 1) * (spread / total)
    guard variance > 0 else { return TestOutcome(statistic: 0, pValue: 1) }
    let z = gap / variance.squareRoot()
    GSL.prepare()
    let pValue = 2 * gsl_cdf_ugaussian_Q(abs(z))
    guard z.isFinite, pValue.isFinite else {
      throw StatsError("\(name) could not be computed for counts this large")
    }
    return TestOutcome(statistic: z, pValue: min(max(pValue, 0), 1))
  }

  /// The number of categories that hold rows on either side (the test's k).
  static func categoriesPresent(baseline: [Int], target: [Int]) -> Int {
    zip(baseline, target).count(where: { $0.0 + $0.1 > 0 })
  }

  /// Categories with the same column total, in order of falling total: how many categories share
  /// it and their target rows summed (integers, so the order of the input does not matter).
  private static func tiedGroups(_ baseline: [Int], _ target: [Int]) -> [(
    column: Int, categories: Int, target: Int
  )] {
    var byColumn = [Int: (categories: Int, target: Int)]()
    for (b, t) in zip(baseline, target) where b + t > 0 {
      byColumn[b + t, default: (0, 0)].categories += 1
      byColumn[b + t, default: (0, 0)].target += t
    }
    return byColumn.keys.sorted(by: >).map { column in
      // Every key came from the loop above.
      let group = byColumn[column] ?? (0, 0)
      return (column, group.categories, group.target)
    }
  }
}
