import CGSL

/// The Mann-Whitney U rank test (`mannwhitney`): do baseline and target come from one distribution?
///
/// Matches `scipy.stats.mannwhitneyu(baseline, target, alternative="two-sided", method="auto",
/// use_continuity=True)`:
/// - the statistic is U of the baseline: the number of (baseline, target) pairs where the baseline
///   value is larger, ties counting one half;
/// - the p-value is exact (the null distribution of U, no tie correction) when the smaller sample
///   has at most 8 values and no value occurs twice in the pooled data; otherwise it comes from
///   the normal approximation with tie correction and a 0.5 continuity correction.
/// When every pooled value is the same the ranks carry no information and the p-value is 1.
///
/// The exact distribution costs O(m * min(U1, U2)) time and 8 bytes per value of U. Beyond
/// ``exactLimit`` values of U (a sample of at most 8 against tens of millions, where scipy itself
/// could not finish) the normal approximation is used instead; at that size it agrees with the
/// exact p-value far below any threshold anyone sets.
public enum MannWhitneyU {
  /// Runs the two-sided test.
  ///
  /// - Parameters:
  ///   - baseline: The reference sample (its U is reported).
  ///   - target: The sample compared with it.
  /// - Returns: U of the baseline and the two-sided p-value.
  /// - Throws: ``StatsError`` when either sample has no finite values.
  public static func test(
    _ baseline: NumericSample, _ target: NumericSample
  ) throws(StatsError) -> TestOutcome {
    let n1 = baseline.count
    let n2 = target.count
    guard n1 > 0, n2 > 0 else {
      throw StatsError(
        "Mann-Whitney U needs values on both sides (baseline \(n1), target \(n2) finite values)")
    }
    GSL.prepare()
    let ranks = rankSums(baseline.sorted, target.sorted)
    let u1 = Double(ranks.twiceU1) / 2
    let product = Double(n1) * Double(n2)
    let u = max(u1, product - u1)

    let pValue: Double
    if min(n1, n2) <= 8 && !ranks.hasTies && product - u <= Double(exactLimit) {
      pValue = exactPValue(
        smaller: min(n1, n2), larger: max(n1, n2), lowTail: Int(product - u))
    } else {
      pValue = asymptoticPValue(u: u, n1: n1, n2: n2, tieTerm: ranks.tieTerm)
    }
    return TestOutcome(statistic: u1, pValue: min(max(pValue, 0), 1))
  }

  /// Largest min(U1, U2) for which the exact null distribution is computed (160 MB of counts).
  public static let exactLimit = 20_000_000

  /// Tie information and U of the first sample, from one merge of the two sorted arrays.
  struct RankSums {
    /// 2 * U1, exact in integers: each baseline value scores 2 per smaller target value, 1 per tie.
    var twiceU1: Int
    /// Sum over groups of equal pooled values of t^3 - t (t = group size), as scipy forms it.
    var tieTerm: Double
    /// Whether any pooled value occurs more than once.
    var hasTies: Bool
  }

  /// Walks the merged order of `a` and `b` group by group of equal values (midranks).
  static func rankSums(_ a: [Double], _ b: [Double]) -> RankSums {
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        var twiceU1 = 0
        var tieTerm = 0.0
        var hasTies = false
        TieGroups.forEach(x, y) { group in
          // Each of the group's baseline values beats start2 target values and ties count2.
          twiceU1 += group.count1 * (2 * group.start2 + group.count2)
          let t = group.tied
          if t > 1 {
            hasTies = true
            let tt = Double(t)
            tieTerm += tt * tt * tt - tt
          }
        }
        return RankSums(twiceU1: twiceU1, tieTerm: tieTerm, hasTies: hasTies)
      }
    }
  }

  /// Normal approximation with tie and continuity correction; `u` is the larger of U1 and U2.
  static func asymptoticPValue(u: Double, n1: Int, n2: Int, tieTerm: Double) -> Double {
    let a = Double(n1)
    let b = Double(n2)
    let n = a + b
    // With a single pooled value n = 1 cannot happen here (n1, n2 >= 1), so n * (n - 1) > 0.
    let spread = a * b / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
    // All values tied (or rounding made the spread vanish): no evidence against the null.
    guard spread > 0 else { return 1 }
    let z = (u - a * b / 2 - 0.5) / spread.squareRoot()
    return 2 * gsl_cdf_ugaussian_Q(z)
  }

  /// Exact two-sided p-value: 2 * P(U <= lowTail) under the null, where lowTail = min(U1, U2).
  ///
  /// Without ties, U counts the partitions of u into at most `smaller` parts, each at most
  /// `larger`; their generating function is the Gaussian binomial coefficient
  /// prod_{i=1...m} (1 - q^(n+i)) / (1 - q^i). We build its coefficients up to `lowTail` one
  /// factor at a time: multiplying by (1 - q^(n+i)) and dividing by (1 - q^i) (a running sum
  /// with stride i). Every intermediate polynomial has non-negative coefficients, so the
  /// cancellation per step is bounded; cost O(m * lowTail) with m <= 8.
  static func exactPValue(smaller m: Int, larger n: Int, lowTail: Int) -> Double {
    var counts = [Double](repeating: 0, count: lowTail + 1)
    counts[0] = 1
    counts.withUnsafeMutableBufferPointer { c in
      for i in 1...m {
        let shift = n + i
        if shift <= lowTail {
          for u in stride(from: lowTail, through: shift, by: -1) { c[u] -= c[u - shift] }
        }
        if i <= lowTail {
          for u in i...lowTail { c[u] += c[u - i] }
        }
      }
    }
    // Number of equally likely arrangements: binomial(m + n, m), built as an exact running product.
    var total = 1.0
    for i in 1...m { total = total * Double(n + i) / Double(i) }
    var low = 0.0
    for count in counts { low += count }
    return 2 * low / total
  }
}
