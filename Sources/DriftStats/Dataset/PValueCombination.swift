import Foundation

/// Ways to combine the p-values of one feature's tests into one p-value for the feature.
///
/// Used when ``DriftSettings/family`` is ``DriftSettings/Family/features``: the window's
/// correction then runs over one p-value per feature instead of one per test.
public enum PValueCombination: String, Sendable, Codable, CaseIterable {
  /// The Cauchy combination test (Liu and Xie 2020): T = mean of tan((0.5 - p_i) pi), combined
  /// p = 1/2 - arctan(T) / pi, here with each term floored at 0 (see ``cauchy(_:)``). Its tail
  /// is accurate for small p under arbitrary dependence of the p-values (the tests of one
  /// feature share their data).
  case cauchy
  /// Simes (1986): min over i of d p_(i) / i; valid under positive dependence (PRDS).
  case simes
  /// Bonferroni within the feature: d min p_i; valid under any dependence.
  case bonferroni

  /// Combines `pValues` (at least one; values outside [0, 1] are clamped, NaN read as 1).
  ///
  /// - Parameter pValues: The feature's p-values, each test counted once.
  /// - Returns: The combined p-value in [0, 1]; 1 for an empty list.
  public func combine(_ pValues: [Double]) -> Double {
    let clean = pValues.map { $0.isNaN ? 1 : min(max($0, 0), 1) }
    guard !clean.isEmpty else { return 1 }
    if clean.count == 1 { return clean[0] }
    let d = Double(clean.count)
    switch self {
    case .bonferroni:
      return min(1, d * (clean.min() ?? 1))
    case .simes:
      let sorted = clean.sorted()
      var best = 1.0
      for (index, p) in sorted.enumerated() { best = min(best, d * p / Double(index + 1)) }
      return best
    case .cauchy:
      return Self.cauchy(clean)
    }
  }

  /// The Cauchy combination with equal weights, each term floored at 0: a p-value above 1/2
  /// counts as 1/2. Without the floor one test that saw nothing (p near 1, tan near -infinity;
  /// an exact test's p-value is 1 whenever the window sits at its mode) cancels any evidence of
  /// the others: p-values 0.001 and 0.999 combine to 0.5. The floor moves the level at the
  /// thresholds the rule uses (0.01 / 12 and below) by under 1 % of itself (measured on
  /// independent uniform p-values, 2-5 per feature, by scripts/quiet/feature_family.py).
  ///
  /// tan((0.5 - p) pi) = 1 / tan(p pi) keeps the small p-values' precision, and the combined
  /// p = 1/2 - arctan(T) / pi is computed as arctan(1 / T) / pi (T >= 0), which does not cancel.
  static func cauchy(_ pValues: [Double]) -> Double {
    // A p-value of 0 is infinite evidence: the combination is 0 whatever the others say.
    if pValues.contains(0) { return 0 }
    var sum = 0.0
    for p in pValues where p < 0.5 { sum += 1 / tan(p * Double.pi) }
    let t = sum / Double(pValues.count)
    return t > 0 ? atan(1 / t) / Double.pi : 0.5
  }
}
