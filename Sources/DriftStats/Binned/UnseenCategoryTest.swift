import CGSL

/// How surprising the target's rows in categories the baseline never had are.
///
/// Pooling rare categories (``RareCategoryPooling``) keeps the chi-square law valid but folds a
/// new category into the rarest group, where a small window hides it. This test looks at those rows
/// directly: with no drift, a target row falls in a category unseen in a baseline of N rows with
/// probability equal to the baseline's missing mass, which the Good-Turing estimate puts at
/// (singletons + 1) / (N + 1) (the + 1 keeps it above zero when the baseline has no singleton).
/// The p-value is the chance of at least the observed number of such rows among the target's n,
/// from the binomial law: `P(Binomial(n, mass) >= unseen)`.
enum UnseenCategoryTest {
  /// The p-value; 1 when no target row is in an unseen category.
  ///
  /// - Parameters:
  ///   - baseline: Baseline counts per category.
  ///   - target: Target counts per category, aligned with `baseline`.
  static func pValue(baseline: [Int], target: [Int]) -> Double {
    guard baseline.count == target.count else { return 1 }
    var unseen = 0
    var singletons = 0
    for (b, t) in zip(baseline, target) {
      if b == 0 { unseen += t }
      if b == 1 { singletons += 1 }
    }
    let rowB = baseline.reduce(0, +)
    let rowT = target.reduce(0, +)
    guard unseen > 0, rowB > 0, rowT > 0, rowT <= Int(UInt32.max) else { return 1 }
    let mass = min(1, Double(singletons + 1) / Double(rowB + 1))
    GSL.prepare()
    // gsl_cdf_binomial_Q(k, p, n) = P(X > k).
    let p = gsl_cdf_binomial_Q(UInt32(unseen - 1), mass, UInt32(rowT))
    return p.isFinite ? min(max(p, 0), 1) : 1
  }

  /// A homogeneity test's outcome with the unseen-category p-value folded in: when some target
  /// row is in an unseen category, the p-value becomes `min(1, 2 min(p, unseen p))` (Bonferroni
  /// over the two); otherwise the test's own p-value stands.
  static func combined(_ outcome: TestOutcome, baseline: [Int], target: [Int]) -> TestOutcome {
    let unseen = pValue(baseline: baseline, target: target)
    guard unseen < 1, let p = outcome.pValue else { return outcome }
    return TestOutcome(statistic: outcome.statistic, pValue: min(1, 2 * min(p, unseen)))
  }
}
