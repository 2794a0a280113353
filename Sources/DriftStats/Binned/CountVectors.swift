/// The checks every test on two aligned count vectors (baseline and target counts per category
/// or per bin) makes before it computes anything.
enum CountVectors {
  /// Validates `baseline` and `target` and returns their totals.
  ///
  /// - Parameters:
  ///   - baseline: Counts per category (or bin) in the baseline.
  ///   - target: Counts per category in the target, aligned with `baseline`.
  ///   - name: The test's name, for the error.
  ///   - nonEmpty: Whether zero categories is an error too (for tests that divide by the count).
  /// - Returns: The two sides' totals, both positive.
  /// - Throws: ``StatsError`` on vectors of different length (or empty, with `nonEmpty`),
  ///   negative counts, or a side without values.
  static func totals(
    _ baseline: [Int], _ target: [Int], name: String, nonEmpty: Bool = false
  ) throws(StatsError) -> (baseline: Int, target: Int) {
    guard baseline.count == target.count, !nonEmpty || !baseline.isEmpty else {
      throw StatsError(
        "\(name) needs two count vectors of the same \(nonEmpty ? "non-zero " : "")length "
          + "(baseline \(baseline.count), target \(target.count))")
    }
    guard baseline.allSatisfy({ $0 >= 0 }), target.allSatisfy({ $0 >= 0 }) else {
      throw StatsError("\(name) needs non-negative counts")
    }
    let baselineTotal = baseline.reduce(0, +)
    let targetTotal = target.reduce(0, +)
    guard baselineTotal > 0, targetTotal > 0 else {
      throw StatsError(
        "\(name) needs values on both sides (baseline \(baselineTotal), target \(targetTotal))")
    }
    return (baselineTotal, targetTotal)
  }
}
