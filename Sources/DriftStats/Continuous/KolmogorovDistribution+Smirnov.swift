import CGSL

extension KolmogorovDistribution {
  /// Largest n for which the one-sided tail is summed exactly (as scipy's `smirnov` does).
  static let smirnovExactLimit = 1_000_000

  /// P(D+_n >= d), the one-sided Smirnov upper tail.
  ///
  /// Exact by the Birnbaum-Tingey (1951) sum
  /// d * sum over j = 0...floor(n (1 - d)) of C(n, j) (1 - d - j/n)^(n-j) (d + j/n)^(j-1),
  /// whose terms are all positive; evaluated in logarithms with a running scale. For
  /// n above ``smirnovExactLimit`` it uses Miller's approximation exp(-(6 n d + 1)^2 / (18 n)).
  static func smirnovUpperTail(_ d: Double, n: Int) -> Double {
    if d <= 0 { return 1 }
    if d >= 1 { return 0 }
    if n == 1 { return 1 - d }
    let size = Double(n)
    let nd = size * d
    if -2 * nd * d < -745.13321910194110842 { return 0 }
    if nd >= size - 1 {
      // Only the j = 0 path reaches the boundary.
      return gsl_pow_int(1 - d, Int32(clamping: n))
    }
    if n > smirnovExactLimit {
      return gsl_sf_exp(-(6 * nd + 1) * (6 * nd + 1) / (18 * size))
    }
    let lastTerm = Int((size - nd).rounded(.down))
    var logChoose = 0.0  // log C(n, j), updated incrementally
    var largest = -Double.infinity  // largest log-term seen: the running scale
    var previous = -Double.infinity
    var scaledSum = 0.0  // sum of exp(logTerm - largest)
    var j = 0
    while j <= lastTerm {
      let reached = (nd + Double(j)) / size  // d + j/n
      if reached < 1 {
        // log(1 - d - j/n) through log1p while 1 - d - j/n is far from 0, keeping digits.
        let logRemaining =
          reached < 0.5 ? gsl_log1p(-reached) : gsl_sf_log((size - Double(j) - nd) / size)
        let logTerm =
          logChoose + Double(n - j) * logRemaining + Double(j - 1) * gsl_sf_log(reached)
        if logTerm > largest {
          scaledSum = scaledSum * gsl_sf_exp(largest - logTerm) + 1
          largest = logTerm
        } else {
          let relative = logTerm - largest
          // Terms are unimodal in j: once falling and negligible, the rest cannot register.
          if relative < -45, logTerm < previous { break }
          scaledSum += gsl_sf_exp(relative)
        }
        previous = logTerm
      }
      logChoose += gsl_sf_log(Double(n - j)) - gsl_sf_log(Double(j + 1))
      // Resynchronise the running log C(n, j) now and then to stop rounding drift.
      if j & 1023 == 1023, j + 1 <= n {
        logChoose = gsl_sf_lnchoose(UInt32(n), UInt32(j + 1))
      }
      j += 1
    }
    return d * gsl_sf_exp(largest + gsl_sf_log(scaledSum))
  }
}
