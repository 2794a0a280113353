import CGSL

/// The distribution of the one-sample two-sided Kolmogorov-Smirnov statistic D_n.
///
/// Evaluated as in Simard and L'Ecuyer (2011), "Computing the Two-Sided Kolmogorov-Smirnov
/// Distribution", J. Stat. Softw. 39(11), with the region choices scipy 1.17 makes for
/// `scipy.stats.kstwo` (t = n d):
/// - t <= 1 and t >= n - 1: the closed forms of Ruben and Gambino;
/// - d >= 0.5: exactly twice the one-sided Smirnov tail (Birnbaum-Tingey sum);
/// - n <= 140: Durbin's matrix (Marsaglia-Tsang-Wang) for n d^2 <= 4 (scipy uses Pomeranz's
///   recursion for 0.754693 < n d^2 <= 4; both are exact, so the values agree to rounding),
///   otherwise twice the Smirnov tail;
/// - n > 140: for the upper tail, 0 when n d^2 >= 370 and twice the Smirnov tail when
///   n d^2 >= 2.2; below that Durbin's matrix when n <= 100,000 and n d^1.5 <= 1.4,
///   else the Pelz-Good asymptotic series.
///
/// As in scipy, ``sf(_:n:)`` and ``cdf(_:n:)`` are evaluated separately: for n > 140 and
/// n d^2 >= 2.2 the upper tail is twice the one-sided tail (the ignored intersection term is
/// below 5e-7) while the distribution function comes from Durbin, Pelz-Good or 1, so
/// `sf + cdf` can differ from 1 by that much. Use ``sf(_:n:)`` for p-values.
public enum KolmogorovDistribution {
  /// P(D_n >= d), the upper tail: the p-value of an observed D.
  ///
  /// - Parameters:
  ///   - d: The statistic; values outside [0, 1] are clamped by the definition.
  ///   - n: The sample size, at least 1.
  /// - Returns: A probability in [0, 1].
  public static func sf(_ d: Double, n: Int) -> Double {
    evaluate(d, n: n, upperTail: true)
  }

  /// P(D_n <= d), the distribution function.
  ///
  /// - Parameters:
  ///   - d: The statistic; values outside [0, 1] are clamped by the definition.
  ///   - n: The sample size, at least 1.
  /// - Returns: A probability in [0, 1].
  public static func cdf(_ d: Double, n: Int) -> Double {
    evaluate(d, n: n, upperTail: false)
  }

  private static func evaluate(_ d: Double, n: Int, upperTail: Bool) -> Double {
    precondition(n >= 1, "Kolmogorov distribution needs n >= 1")
    GSL.prepare()
    precondition(!d.isNaN, "Kolmogorov distribution needs a number")
    // Picks the requested tail from whichever one was computed, clamped to [0, 1].
    func pick(cdf: Double, sf: Double) -> Double {
      min(max(upperTail ? sf : cdf, 0), 1)
    }
    if d >= 1 { return pick(cdf: 1, sf: 0) }
    if d <= 0 { return pick(cdf: 0, sf: 1) }
    let size = Double(n)
    let t = size * d
    if t <= 1 {
      // Ruben-Gambino: for 1/(2n) < d <= 1/n, P(D_n <= d) = n!/n^n (2t - 1)^n.
      if t <= 0.5 { return pick(cdf: 0, sf: 1) }
      let lower: Double
      if n <= 140 {
        var product = 1.0
        for i in 1...n { product *= Double(i) * (1 / size) * (2 * t - 1) }
        lower = product
      } else {
        lower = gsl_sf_exp(
          gsl_sf_lnfact(UInt32(clamping: n)) - size * gsl_sf_log(size)
            + size * gsl_sf_log(2 * t - 1))
      }
      return pick(cdf: lower, sf: 1 - lower)
    }
    if t >= size - 1 {
      // Ruben-Gambino: for d >= 1 - 1/n, P(D_n >= d) = 2 (1 - d)^n.
      let upper = 2 * gsl_pow_int(1 - d, Int32(clamping: n))
      return pick(cdf: 1 - upper, sf: upper)
    }
    if d >= 0.5 {
      // The one-sided events D+ >= d and D- >= d are disjoint here.
      let upper = 2 * smirnovUpperTail(d, n: n)
      return pick(cdf: 1 - upper, sf: upper)
    }
    let nd2 = t * d
    if n <= 140 {
      if nd2 <= 4 {
        let lower = durbinCDF(d, n: n)
        return pick(cdf: lower, sf: 1 - lower)
      }
      let upper = 2 * smirnovUpperTail(d, n: n)
      return pick(cdf: 1 - upper, sf: upper)
    }
    if upperTail {
      if nd2 >= 370 { return 0 }
      if nd2 >= 2.2 { return pick(cdf: 0, sf: 2 * smirnovUpperTail(d, n: n)) }
    }
    let lower: Double
    if nd2 >= 18 {
      lower = 1
    } else if n <= 100_000, size * (d * d.squareRoot()) <= 1.4 {
      lower = durbinCDF(d, n: n)
    } else {
      lower = pelzGoodCDF(d, n: n)
    }
    return pick(cdf: lower, sf: 1 - lower)
  }
}
