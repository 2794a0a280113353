/// Corrections of p-values for testing many features (and tests) at once.
public enum MultipleTesting {
  /// How to adjust a family of p-values.
  public enum Correction: String, Sendable, Codable, CaseIterable {
    /// Benjamini-Hochberg false discovery rate control.
    case bh
    /// Bonferroni family-wise error control: p * m, capped at 1.
    case bonferroni
    /// No adjustment.
    case none
  }

  /// Adjusts p-values; the result is in the same order as the input.
  ///
  /// `bh` matches `scipy.stats.false_discovery_control(p, method="bh")`: the i-th smallest p-value
  /// becomes p * m / i, then each is replaced by the smallest adjusted value at or above its rank,
  /// so the result is monotone in p; everything is capped at 1.
  ///
  /// - Parameters:
  ///   - pValues: The p-values of one family. Values outside [0, 1] are clamped into it and NaN
  ///     (which no driftwatch test returns) is read as 1, no evidence, so the output is never NaN.
  ///   - method: The correction.
  /// - Returns: The adjusted p-values, each in [0, 1].
  public static func adjust(_ pValues: [Double], method: Correction) -> [Double] {
    adjust(pValues, weights: nil, method: method)
  }

  /// Adjusts p-values with weights (Genovese, Roeder and Wasserman 2006); the result is in the
  /// same order as the input.
  ///
  /// The weights are first renormalised to average 1 over the family; then each p-value is
  /// divided by its weight and the unweighted correction applied to the quotients: `bh` is
  /// weighted Benjamini-Hochberg (member i passes level a when p_i / w_i <= a k / m for the
  /// largest such k), `bonferroni` is min(1, m p_i / w_i). Under the global null weighted
  /// Bonferroni and, for independent or positively dependent p-values, weighted BH (the weighted
  /// Simes test) reject anything with probability at most the level, as the unweighted ones.
  /// With `weights` nil or all equal the result is bit for bit that of the unweighted correction.
  ///
  /// - Parameters:
  ///   - pValues: The p-values of one family, cleaned as by ``adjust(_:method:)``.
  ///   - weights: One positive, finite weight per p-value, or nil for equal weights. A weight that
  ///     is not positive and finite is read as 1.
  ///   - method: The correction; `none` ignores the weights.
  /// - Returns: The adjusted p-values, each in [0, 1].
  public static func adjust(_ pValues: [Double], weights: [Double]?, method: Correction)
    -> [Double]
  {
    var clean = pValues.map { $0.isNaN ? 1 : min(max($0, 0), 1) }
    if method != .none, let weights, weights.count == clean.count, !clean.isEmpty {
      let valid = weights.map { $0.isFinite && $0 > 0 ? $0 : 1 }
      let mean = valid.reduce(0, +) / Double(valid.count)
      if valid.contains(where: { $0 != mean }) {
        clean = zip(clean, valid).map { p, w in p / (w / mean) }
      }
    }
    let m = Double(clean.count)
    switch method {
    case .none:
      return clean
    case .bonferroni:
      return clean.map { min($0 * m, 1) }
    case .bh:
      let order = clean.indices.sorted { clean[$0] < clean[$1] }
      var adjusted = [Double](repeating: 1, count: clean.count)
      var running = 1.0
      for rank in stride(from: order.count, through: 1, by: -1) {
        let index = order[rank - 1]
        running = min(running, clean[index] * m / Double(rank))
        adjusted[index] = running
      }
      return adjusted
    }
  }
}
