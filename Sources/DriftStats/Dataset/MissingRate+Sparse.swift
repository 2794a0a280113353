import CGSL

extension MissingRate {
  /// ``test(baselineMissing:baselineCount:targetMissing:targetCount:)`` with an exact p-value
  /// where the z-test's normal law is wrong: when a cell of the 2 x 2 table (missing or present,
  /// on the smaller side) expects fewer than
  /// ``RareCategoryPooling/minimumExpected`` (10) values, the p-value is Fisher's conditional one,
  /// twice the smaller tail of the hypergeometric law of the target's missing count given the
  /// margins (capped at 1). The statistic is unchanged.
  ///
  /// On a 50-row window with 5 % missing the z-test reads 10 missing values as p = 1e-6, while
  /// the exact chance is near 1e-4: the difference between a quiet monitor and a noisy one.
  static func testSparseSafe(
    baselineMissing: Int, baselineCount: Int, targetMissing: Int, targetCount: Int
  ) throws(StatsError) -> TestOutcome {
    let outcome = try test(
      baselineMissing: baselineMissing, baselineCount: baselineCount,
      targetMissing: targetMissing, targetCount: targetCount)
    let total = baselineCount + targetCount
    let missing = baselineMissing + targetMissing
    let smaller = Double(min(baselineCount, targetCount))
    let expectedMissing = smaller * Double(missing) / Double(total)
    let expectedPresent = smaller * Double(total - missing) / Double(total)
    guard min(expectedMissing, expectedPresent) < RareCategoryPooling.minimumExpected,
      total <= Int(UInt32.max), missing > 0, missing < total
    else { return outcome }
    GSL.prepare()
    let present = UInt32(total - missing)
    let draws = UInt32(targetCount)
    let x = UInt32(targetMissing)
    let lower = gsl_cdf_hypergeometric_P(x, UInt32(missing), present, draws)
    let upper = x == 0 ? 1 : gsl_cdf_hypergeometric_Q(x - 1, UInt32(missing), present, draws)
    let p = 2 * min(lower, upper)
    guard p.isFinite else { return outcome }
    return TestOutcome(statistic: outcome.statistic, pValue: min(max(p, 0), 1))
  }
}
