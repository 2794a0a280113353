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
    let clean = pValues.map { $0.isNaN ? 1 : min(max($0, 0), 1) }
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
