/// The two-sample Cramér-von Mises test (id `cvm`). Without ties in the pooled sample it
/// matches `scipy.stats.cramervonmises_2samp(method='auto')` (scipy 1.17) bit for bit.
///
/// With ties it does not: Anderson's rank formula below holds only without ties, and scipy's
/// midranks inflate it (Poisson(4) counts, 50,000 vs 300 from the same law: T = 16,258 from
/// midranks, 0.16 from the definition). With ties T comes from its definition,
/// (n m / N^2) sum_z t_z (F_n(z) - G_m(z))^2 over the distinct pooled values z with pooled
/// counts t_z, and the exact p-value from the permutation law conditional on the ties
/// (``exactTiedPValue(blocks:observed:_:_:)``); above 20 values per side the limiting law
/// is applied to that T, which is conservative with ties (ties lower the null mean of T).
///
/// The statistic is Anderson's (1962) T = U / (n m N) - (4 n m - 1) / (6 N) with
/// U = n sum_i (r_i - i)^2 + m sum_j (s_j - j)^2, where r and s are the midranks of the sorted
/// baseline and target values in the pooled sample (ties share their average rank). U is
/// accumulated exactly, so T is correctly rounded.
///
/// The p-value is exact (enumeration of lattice paths, Xiao, Gordon and Yakovlev 2006) when
/// both sides hold at most 20 values, otherwise from the limiting distribution of the
/// one-sample statistic applied to the normalized T of Anderson's equation 15 (Csörgő and
/// Faraway 1996, equation 1.2, with modified Bessel functions K_1/4 from GSL).
public enum CramerVonMises {
  /// Largest sample size on either side for which the exact p-value is computed.
  static let maxExactSize = 20

  /// Runs the test.
  ///
  /// - Parameters:
  ///   - baseline: The reference sample.
  ///   - target: The sample compared with the baseline.
  /// - Returns: T and its p-value.
  /// - Throws: ``StatsError`` when either side has fewer than 2 finite values (as scipy).
  public static func test(_ baseline: NumericSample, _ target: NumericSample) throws(StatsError)
    -> TestOutcome
  {
    let name = "Cramér-von Mises test"
    try NumericSample.requireTwoSamples(baseline, target, minimum: 2, test: name)
    GSL.prepare()
    let nx = baseline.count
    let ny = target.count
    let walk = walk(baseline.sorted, target.sorted)
    if walk.tied {
      let statistic = tiedStatistic(walk, nx, ny)
      let pValue: Double
      if max(nx, ny) <= maxExactSize {
        let observed = Int(walk.weightedSquares.value)
        pValue = exactTiedPValue(blocks: walk.blocks, observed: observed, nx, ny)
      } else {
        pValue = try limitingPValue(statistic, nx, ny)
      }
      return try OutcomeCheck.outcome(statistic, pValue, test: name)
    }
    let quadrupleU = rankDeviations(baseline.sorted, target.sorted)
    let k = Double(nx) * Double(ny)
    let size = Double(nx + ny)
    // T = (24 U - 4k (4k - 1)) / (24 k N), with 24 U = 6 (4U), numerator summed exactly.
    var numerator = ExactSum()
    numerator.add(product: 6, quadrupleU.high)
    numerator.add(product: 6, quadrupleU.low)
    numerator.add(product: -4 * k, 4 * k)
    numerator.add(product: 4 * k, 1)
    let statistic = numerator.value / (24 * k * size)
    let pValue: Double
    if max(nx, ny) <= maxExactSize {
      pValue = exactPValue(quadrupleU: quadrupleU.integer, nx, ny)
    } else {
      pValue = try limitingPValue(statistic, nx, ny)
    }
    return try OutcomeCheck.outcome(statistic, pValue, test: name)
  }

  /// 4U = n sum_i (2 r_i - 2 i)^2 + m sum_j (2 s_j - 2 j)^2, exact.
  ///
  /// Doubled midranks are integers, so every square is an integer; they are summed in
  /// integer blocks and carried into a compensated floating sum.
  static func rankDeviations(_ a: [Double], _ b: [Double]) -> (
    high: Double, low: Double, integer: Int
  ) {
    let n1 = a.count
    let n2 = b.count
    var sum1 = ExactSum()
    var sum2 = ExactSum()
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        var block1 = 0
        var block2 = 0
        TieGroups.forEach(x, y) { group in
          // Twice the midrank shared by the tied values: 2 * below + tied + 1.
          let twiceRank = 2 * group.below + group.tied + 1
          for index in group.start1..<group.end1 {
            let deviation = twiceRank - 2 * (index + 1)
            block1 += deviation * deviation
          }
          for index in group.start2..<group.end2 {
            let deviation = twiceRank - 2 * (index + 1)
            block2 += deviation * deviation
          }
          // Keep the integer blocks far from overflow (each square is below 2^47 for N < 2^22).
          if block1 > 1 << 60 {
            sum1.add(Double(block1))
            block1 = 0
          }
          if block2 > 1 << 60 {
            sum2.add(Double(block2))
            block2 = 0
          }
        }
        sum1.add(Double(block1))
        sum2.add(Double(block2))
      }
    }
    var total = ExactSum()
    total.add(product: Double(n1), sum1.high)
    total.add(product: Double(n1), sum1.low)
    total.add(product: Double(n2), sum2.high)
    total.add(product: Double(n2), sum2.low)
    // Only used on the exact path, where everything is small enough to be an exact integer.
    let integer = max(n1, n2) <= maxExactSize ? Int(total.value) : 0
    return (total.high, total.low, integer)
  }
}
