/// The target's mean reconstruction error from the baseline's principal components, against the
/// baseline sample's held-out errors.
public struct ReconstructionDrift: Sendable, Equatable {
  /// Mean reconstruction error of the target rows.
  public var error: Double
  /// Mean held-out error of the baseline sample (the band's centre).
  public var baselineMean: Double
  /// Standard error of the difference between the target's mean and the baseline's (the band's
  /// unit).
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
