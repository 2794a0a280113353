import CGSL
import Glibc

/// The standard normal quantile Φ⁻¹(p), bit for bit what `gsl_cdf_ugaussian_Pinv(p)` returns,
/// evaluated inline for every p strictly between 0 and 1.
///
/// GSL computes Φ⁻¹ by Wichura's algorithm AS 241 (PPND16, "The percentage points of the normal
/// distribution", Applied Statistics 37, 1988): for `|p - 0.5| <= 0.425` a ratio of two degree-7
/// polynomials in `r = 0.180625 - q²` (`q = p - 0.5`), times `q`; elsewhere a logarithm, a
/// square root and two more such ratios. The central ratio is computed here with the paper's
/// coefficients and in GSL's order of operations (`r` as `0.180625 - q * q`; each polynomial by
/// Horner's rule from the highest coefficient, one multiplication then one addition per step,
/// no fused multiply-add, as in the Debian build of GSL this links; their quotient; then times
/// `q`). IEEE 754 arithmetic gives every operation one correctly rounded result, so the same
/// operations on the same values give the same bits. The outer 15 % of the range is the paper's
/// too, in GSL's order: `pp = min(p, 1 - p)` (as `p` or `1.0 - p`), `r = sqrt(-log(pp))`, then
/// for `r <= 5` the ratio of the paper's C and D polynomials in `r - 1.6`, else of its E and F
/// polynomials in `r - 5`, negated for `p < 1/2`. The logarithm is glibc's `log`, the function
/// GSL calls (one libm in the process); the square root is correctly rounded. 0, 1, NaN and
/// probabilities outside [0, 1] go to GSL itself.
///
/// Why: `fligner` scores each of about two million ranks per feature on a million-row compare;
/// the call into GSL (which copies its coefficient tables to the stack and walks them in loops)
/// cost about a third of the test, and the outer 15 % of the ranks, left to GSL in the fourth
/// round, still cost more than the other 85 %. `NormalQuantileTests` checks the bits against
/// GSL on millions of probabilities (random, every rank's score for several sample sizes, both
/// region edges, the tail's edge at `r = 5`, the smallest probabilities).
enum NormalQuantile {
  /// Φ⁻¹(p), the same bits as `gsl_cdf_ugaussian_Pinv(p)`.
  @inline(__always)
  static func value(_ p: Double) -> Double {
    let q = p - 0.5
    // NaN fails the comparison and goes to GSL too.
    guard abs(q) <= 0.425 else { return outer(p) }
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

  /// Φ⁻¹(p) for `|p - 0.5| > 0.425` (or NaN): the paper's intermediate and tail regions.
  @inline(never)
  static func outer(_ p: Double) -> Double {
    // 0 and 1 (infinite quantiles), NaN and impossible probabilities: GSL's own answers.
    guard p > 0, p < 1 else { return gsl_cdf_ugaussian_Pinv(p) }
    let pp = p < 0.5 ? p : 1.0 - p
    let r = (-log(pp)).squareRoot()
    var u: Double
    var v: Double
    if r <= 5.0 {
      let x = r - 1.6
      u = 7.7454501427834140764e-4
      u = x * u + 2.27238449892691845833e-2
      u = x * u + 2.41780725177450611770e-1
      u = x * u + 1.27045825245236838258
      u = x * u + 3.64784832476320460504
      u = x * u + 5.76949722146069140550
      u = x * u + 4.63033784615654529590
      u = x * u + 1.42343711074968357734
      v = 1.05075007164441684324e-9
      v = x * v + 5.47593808499534494600e-4
      v = x * v + 1.51986665636164571966e-2
      v = x * v + 1.48103976427480074590e-1
      v = x * v + 6.89767334985100004550e-1
      v = x * v + 1.67638483018380384940
      v = x * v + 2.05319162663775882187
      v = x * v + 1.0
    } else {
      let x = r - 5.0
      u = 2.01033439929228813265e-7
      u = x * u + 2.71155556874348757815e-5
      u = x * u + 1.24266094738807843860e-3
      u = x * u + 2.65321895265761230930e-2
      u = x * u + 2.96560571828504891230e-1
      u = x * u + 1.78482653991729133580
      u = x * u + 5.46378491116411436990
      u = x * u + 6.65790464350110377720
      v = 2.04426310338993978564e-15
      v = x * v + 1.42151175831644588870e-7
      v = x * v + 1.84631831751005468180e-5
      v = x * v + 7.86869131145613259100e-4
      v = x * v + 1.48753612908506148525e-2
      v = x * v + 1.36929880922735805310e-1
      v = x * v + 5.99832206555887937690e-1
      v = x * v + 1.0
    }
    let quantile = u / v
    return p < 0.5 ? -quantile : quantile
  }
}
