import CGSL

/// The standard normal quantile Φ⁻¹(p), bit for bit what `gsl_cdf_ugaussian_Pinv(p)` returns,
/// with its central region (85 % of the probabilities) evaluated inline.
///
/// GSL computes Φ⁻¹ by Wichura's algorithm AS 241 (PPND16, "The percentage points of the normal
/// distribution", Applied Statistics 37, 1988): for `|p - 0.5| <= 0.425` a ratio of two degree-7
/// polynomials in `r = 0.180625 - q²` (`q = p - 0.5`), times `q`; elsewhere a logarithm, a
/// square root and two more such ratios. The central ratio is computed here with the paper's
/// coefficients and in GSL's order of operations (`r` as `0.180625 - q * q`; each polynomial by
/// Horner's rule from the highest coefficient, one multiplication then one addition per step,
/// no fused multiply-add, as in the Debian build of GSL this links; their quotient; then times
/// `q`). IEEE 754 arithmetic gives every operation one correctly rounded result, so the same
/// operations on the same values give the same bits. The other 15 % of the range, and NaN, go to
/// GSL itself.
///
/// Why: `fligner` scores each of about two million ranks per feature on a million-row compare;
/// the call into GSL (which copies its coefficient tables to the stack and walks them in loops)
/// cost about a third of the test. `NormalQuantileTests` checks the bits against GSL on millions
/// of probabilities (random, every rank's score for several sample sizes, both region edges).
enum NormalQuantile {
  /// Φ⁻¹(p), the same bits as `gsl_cdf_ugaussian_Pinv(p)`.
  @inline(__always)
  static func value(_ p: Double) -> Double {
    let q = p - 0.5
    // NaN fails the comparison and goes to GSL too.
    guard abs(q) <= 0.425 else { return gsl_cdf_ugaussian_Pinv(p) }
    let r = 0.180625 - q * q
    var u = 2.5090809287301226727e3
    u = r * u + 3.3430575583588128105e4
    u = r * u + 6.7265770927008700853e4
    u = r * u + 4.5921953931549871457e4
    u = r * u + 1.3731693765509461125e4
    u = r * u + 1.9715909503065514427e3
    u = r * u + 1.3314166789178437745e2
    u = r * u + 3.3871328727963666080
    var v = 5.2264952788528545610e3
    v = r * v + 2.8729085735721942674e4
    v = r * v + 3.9307895800092710610e4
    v = r * v + 2.1213794301586595867e4
    v = r * v + 5.3941960214247511077e3
    v = r * v + 6.8718700749205790830e2
    v = r * v + 4.2313330701600911252e1
    v = r * v + 1.0
    return q * (u / v)
  }
}
