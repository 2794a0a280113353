/// The data-set-wide drift measures of one target against a baseline's multivariate profile.
public struct MultivariateResult: Sendable, Equatable {
  /// Domain-classifier magnitude; `nil` when not computed (see ``note``).
  public var magnitude: DriftMagnitude?
  /// Reconstruction-error drift; `nil` when not computed (see ``note``).
  public var reconstruction: ReconstructionDrift?
  /// Per-feature contribution to the magnitude in percent, in the profile's feature order.
  public var contributions: [Double]?
  /// Why a measure was not computed, if one was not.
  public var note: String?
}
