/// The two data sets a comparison was computed from, shown at the top of its page.
public struct ComparisonSources: Sendable {
  /// The baseline's file name (untrusted text: escaped when drawn).
  public var baselinePath: String
  /// Rows read from the baseline.
  public var baselineRows: Int
  /// Baseline rows skipped as malformed.
  public var baselineRejected: Int
  /// The target's file name (untrusted text: escaped when drawn).
  public var targetPath: String
  /// Rows read from the target.
  public var targetRows: Int
  /// Target rows skipped as malformed.
  public var targetRejected: Int

  /// Creates a description of both sides.
  public init(
    baselinePath: String, baselineRows: Int, baselineRejected: Int, targetPath: String,
    targetRows: Int, targetRejected: Int
  ) {
    self.baselinePath = baselinePath
    self.baselineRows = baselineRows
    self.baselineRejected = baselineRejected
    self.targetPath = targetPath
    self.targetRows = targetRows
    self.targetRejected = targetRejected
  }
}
