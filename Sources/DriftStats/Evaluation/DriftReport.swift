/// The result of comparing one target data set (a file or a window) with a baseline profile.
public struct DriftReport: Sendable {
  /// Rows in the baseline.
  public var baselineRows: Int
  /// Rows in the target.
  public var targetRows: Int
  /// One result per compared feature, in baseline order.
  public var features: [FeatureResult]
  /// The verdict over all features.
  public var dataset: DatasetResult
}
