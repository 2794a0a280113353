/// The k-sample Anderson-Darling test of Scholz and Stephens (1987) for two samples
/// (id `anderson`), matching `scipy.stats.anderson_ksamp([baseline, target],
/// variant='midrank')` (the scipy 1.17 default).
///
/// The statistic is the standardized midrank statistic (A2akN - 1) / sigma_N, equation 7 of
/// Scholz and Stephens, computed in one merge over the distinct values of the pooled sample.
/// It is negative when the samples agree better than chance.
///
/// The p-value is scipy's approximation, **capped to [0.001, 0.25]**: a quadratic fitted to
/// log(significance) against the interpolated critical values of Scholz and Stephens'
/// Table 2 (significance 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001), evaluated at the
/// statistic. Below the 25% critical value (0.325) the p-value is reported as 0.25, above the
/// 0.1% one (6.546) as 0.001: it then only says "at least 0.25" or "at most 0.001".
///
/// When every value of both samples is the same number scipy raises an error; here the two
/// samples have identical distributions, so A2akN is taken as 0, as it is for any two
/// identical samples, giving statistic -1 / sigma_N and p-value 0.25 (no evidence of drift).
public enum AndersonDarlingKSample {
  /// Significance levels of the tabulated critical values.
  static let levels: [Double] = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001]

  /// Runs the test.
  ///
  /// - Parameters:
  ///   - baseline: The reference sample.
  ///   - target: The sample compared with the baseline.
  /// - Returns: The standardized statistic and the capped p-value in [0.001, 0.25].
  /// - Throws: ``StatsError`` when either side has no finite value or there are fewer than
  ///   4 values in total (the variance of the statistic is then undefined).
  public static func test(_ baseline: NumericSample, _ target: NumericSample) throws(StatsError)
    -> TestOutcome
  {
    let name = "Anderson-Darling k-sample test"
    try NumericSample.requireTwoSamples(baseline, target, test: name)
    let total = baseline.count + target.count
    guard total >= 4 else {
      throw StatsError(
        "\(name) needs at least 4 finite values in baseline and target together "
          + "(it has \(total)); use a longer window or the ks test for tiny samples")
    }
    GSL.prepare()
    let raw = midrankStatistic(baseline.sorted, target.sorted)
    let statistic = (raw - 1) / standardDeviation(baseline.count, target.count)
    return try OutcomeCheck.outcome(statistic, pValue(statistic), test: name)
  }

  /// A2akN of Scholz and Stephens' equation 7 for k = 2, by merging the sorted samples.
  ///
  /// For each distinct pooled value z_j with multiplicity l_j, B_j = (values below) + l_j/2 and
  /// M_ij = (sample i values below) + f_ij/2; the sum is
  /// (N-1)/N * sum_i 1/n_i sum_j l_j/N (N M_ij - B_j n_i)^2 / (B_j (N - B_j) - N l_j / 4).
  /// Both squared differences are formed exactly in integers (they are halves of integers).
  static func midrankStatistic(_ a: [Double], _ b: [Double]) -> Double {
    let n1 = a.count
    let n2 = b.count
    let total = n1 + n2
    let size = Double(total)
    var sum1 = 0.0
    var sum2 = 0.0
    var distinct = 0
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        TieGroups.forEach(x, y) { group in
          distinct += 1
          let f1 = group.count1
          let f2 = group.count2
          let tied = group.tied
          let below = group.below
          let above = total - below - tied
          // 4 (B_j (N - B_j) - N l_j / 4) = 4 L R + l (L + R): positive unless one value.
          let denominator4 = 4 * below * above + tied * (below + above)
          guard denominator4 > 0 else { return }
          // 2 (N M_1j - B_j n_1) and the same for sample 2, exactly.
          let twiceGap1 = total * (2 * group.start1 + f1) - (2 * below + tied) * n1
          let twiceGap2 = total * (2 * group.start2 + f2) - (2 * below + tied) * n2
          let weight = Double(tied) / size / Double(denominator4)
          sum1 += weight * Double(twiceGap1) * Double(twiceGap1)
          sum2 += weight * Double(twiceGap2) * Double(twiceGap2)
        }
      }
    }
    // Identical single-valued samples: the distributions agree exactly (documented above).
    if distinct < 2 { return 0 }
    return (sum1 / Double(n1) + sum2 / Double(n2)) * (size - 1) / size
  }

  /// sigma_N, the standard deviation of A2akN under the null (Scholz and Stephens eq. 4) for k = 2.
  static func standardDeviation(_ n1: Int, _ n2: Int) -> Double {
    let total = n1 + n2
    let size = Double(total)
    let k = 2.0
    let harmonicSizes = 1 / Double(n1) + 1 / Double(n2)
    // h = sum_{i=1}^{N-1} 1/i; g = sum_{i=1}^{N-2} sum_{j=i+1}^{N-1} 1/((N - i) j),
    // accumulated from the tail: tail(s) = sum_{j=s}^{N-1} 1/j, g = sum_{s=2}^{N-1} tail(s)/(N-s+1)
    var tail = 0.0
    var g = 0.0
    var s = total - 1
    var position = 2.0
    while s >= 2 {
      tail += 1 / Double(s)
      g += tail / position
      position += 1
      s -= 1
    }
    let h = tail + 1
    let a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * harmonicSizes
    let b =
      (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * harmonicSizes - 8 * h + 4 * g - 6
    let c =
      (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * harmonicSizes + 4 * h
    let d = (2 * h + 6) * k * k - 4 * h * k
    let variance =
      (a * size * size * size + b * size * size + c * size + d)
      / ((size - 1) * (size - 2) * (size - 3))
    return variance.squareRoot()
  }
}
