/// The comparison of one feature: summaries of both sides and every test's result.
public struct FeatureResult: Sendable {
  /// Feature name.
  public var name: String
  /// Feature kind.
  public var kind: ColumnKind
  /// Summary of the baseline side.
  public var baseline: SideSummary
  /// Summary of the target side.
  public var target: SideSummary
  /// Share of the target's values outside the baseline: numeric values below the baseline minimum
  /// or above its maximum, or categories the baseline never had.
  public var outsideBaselineShare: Double
  /// One result per test run on this feature.
  public var tests: [TestResult]
  /// This feature's share of the drift magnitude, in percent (the features' shares sum to 100);
  /// `nil` when no magnitude was computed.
  public var contribution: Double?
  /// Both sides' counts on the baseline's bins (numeric) or top categories (categorical), for
  /// pictures; `nil` when the baseline has no bins (no finite value).
  public var distribution: BinnedDistribution?

  /// Whether any test on this feature signalled drift.
  public var drifted: Bool { tests.contains(where: \.drifted) }
}
