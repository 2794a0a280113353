extension TestResult {
  /// A result from its parts, e.g. as read back from the store (the memberwise initializer is
  /// internal to this module).
  public static func restored(
    test: DriftTest, statistic: Double?, pValue: Double?, adjustedPValue: Double?,
    threshold: Threshold?, effect: Double?, drifted: Bool, error: String?
  ) -> TestResult {
    TestResult(
      test: test, statistic: statistic, pValue: pValue, adjustedPValue: adjustedPValue,
      threshold: threshold, effect: effect, drifted: drifted, error: error)
  }
}

extension FeatureResult {
  /// A feature's result from its parts, e.g. as read back from the store.
  public static func restored(
    name: String, kind: ColumnKind, baseline: SideSummary, target: SideSummary,
    outsideBaselineShare: Double, tests: [TestResult], contribution: Double?,
    distribution: BinnedDistribution?
  ) -> FeatureResult {
    FeatureResult(
      name: name, kind: kind, baseline: baseline, target: target,
      outsideBaselineShare: outsideBaselineShare, tests: tests, contribution: contribution,
      distribution: distribution)
  }
}
