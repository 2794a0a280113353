/// The target's mean reconstruction error from the baseline's principal components, against the
/// spread of the same error over baseline chunks.
public struct ReconstructionDrift: Sendable, Equatable {
  /// Mean reconstruction error of the target rows.
  public var error: Double
  /// Mean of the error over baseline chunks.
  public var baselineMean: Double
  /// Standard deviation of the error over baseline chunks.
  public var baselineStd: Double
  /// Lower bound of the quiet band.
  public var lower: Double
  /// Upper bound of the quiet band.
  public var upper: Double
  /// Principal components kept.
  public var components: Int
  /// Whether `error` lies outside `[lower, upper]`.
  public var drifted: Bool

  /// Creates a result.
  public init(
    error: Double, baselineMean: Double, baselineStd: Double, lower: Double, upper: Double,
    components: Int, drifted: Bool
  ) {
    self.error = error
    self.baselineMean = baselineMean
    self.baselineStd = baselineStd
    self.lower = lower
    self.upper = upper
    self.components = components
    self.drifted = drifted
  }
}
