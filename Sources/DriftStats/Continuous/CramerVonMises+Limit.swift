import CGSL

extension CramerVonMises {
  /// The asymptotic p-value: T normalized by its exact mean and variance (Anderson 1962,
  /// eqs. 11, 14 and 15) and referred to the limiting law of the one-sample statistic.
  static func limitingPValue(_ statistic: Double, _ nx: Int, _ ny: Int) throws(StatsError)
    -> Double
  {
    let size = Double(nx + ny)
    let k = Double(nx) * Double(ny)
    let mean = (1 + 1 / size) / 6
    let squares = Double(nx) * Double(nx) + Double(ny) * Double(ny)
    var variance = (size + 1) * (4 * k * size - 3 * squares - 2 * k)
    variance = variance / (45 * size * size * 4 * k)
    let normalized = 1.0 / 6 + (statistic - mean) / (45 * variance).squareRoot()
    // Below 0.003 the limiting distribution function is under 1.3e-18.
    if normalized < 0.003 { return 1 }
    return max(1 - (try limitingCDF(normalized)), 0)
  }

  /// The distribution function of the limiting one-sample Cramér-von Mises statistic,
  /// Csörgő and Faraway (1996) equation 1.2 (from Anderson and Darling 1952):
  /// V(x) = 1 / (pi sqrt(x)) * sum_k Gamma(k + 1/2) / (Gamma(1/2) k!) sqrt(4k + 1)
  ///        * exp(-(4k + 1)^2 / (16 x)) K_1/4((4k + 1)^2 / (16 x)).
  ///
  /// Terms are added until one falls below 1e-7 (that term included), scipy's stopping rule,
  /// so both truncate the series at the same place.
  static func limitingCDF(_ x: Double) throws(StatsError) -> Double {
    var total = 0.0
    var k = 0
    let scale = 1 / (Double.pi * Double.pi.squareRoot() * x.squareRoot())
    while k < 10_000 {
      let ratio = gsl_sf_exp(gsl_sf_lngamma(Double(k) + 0.5) - gsl_sf_lngamma(Double(k) + 1))
      let y = Double(4 * k + 1)
      let q = y * y / (16 * x)
      var bessel = gsl_sf_result()
      // exp(-q) K(q) = exp(-2q) * (exp(q) K(q)): the scaled form never underflows early.
      try GSL.check(gsl_sf_bessel_Knu_scaled_e(0.25, q, &bessel), "Bessel K_1/4(\(q))")
      let term = ratio * scale * y.squareRoot() * gsl_sf_exp(-2 * q) * bessel.val
      total += term
      if abs(term) < 1e-7 { break }
      k += 1
    }
    return total
  }
}
