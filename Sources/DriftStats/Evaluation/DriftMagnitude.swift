/// How well a classifier tells baseline rows from target rows: 0 % when they are
/// indistinguishable, 100 % when every row is told apart.
public struct DriftMagnitude: Sendable, Equatable {
  /// `max(0, mcc) * 100`, in percent.
  public var magnitude: Double
  /// ROC AUC of the classifier on the held-out rows.
  public var auc: Double
  /// Matthews correlation coefficient of the classifier on the held-out rows.
  public var mcc: Double
  /// Baseline rows used (after the sampling cap).
  public var baselineRows: Int
  /// Target rows used (after the sampling cap).
  public var targetRows: Int

  /// Creates a result.
  public init(magnitude: Double, auc: Double, mcc: Double, baselineRows: Int, targetRows: Int) {
    self.magnitude = magnitude
    self.auc = auc
    self.mcc = mcc
    self.baselineRows = baselineRows
    self.targetRows = targetRows
  }
}
