/// The verdict over all features of a comparison (a file, or a window: the store keeps it on the
/// window's `runs` row, all but ``multivariateNote``).
public struct DatasetResult: Sendable, Equatable {
  /// Features compared.
  public var features: Int
  /// Features with at least one drifted test.
  public var driftedFeatures: Int
  /// `driftedFeatures / features` (0 when no feature was compared).
  public var driftedShare: Double
  /// The share at or above which the data set counts as drifted.
  public var driftShareThreshold: Double
  /// Whether at least one feature drifted and `driftedShare >= driftShareThreshold`.
  public var drifted: Bool
  /// Drift of the joint distribution measured by a domain classifier (baseline rows against
  /// target rows); `nil` when it was not computed (turned off, or too few rows on a side).
  public var magnitude: DriftMagnitude?
  /// Drift measured by the error of reconstructing target rows from the baseline's principal
  /// components; `nil` when it was not computed.
  public var reconstruction: ReconstructionDrift?
  /// Why ``magnitude`` or ``reconstruction`` is `nil` although the measures are turned on.
  public var multivariateNote: String?

  /// Creates a verdict from its parts (as the store reads it back).
  public init(
    features: Int, driftedFeatures: Int, driftedShare: Double, driftShareThreshold: Double,
    drifted: Bool, magnitude: DriftMagnitude? = nil, reconstruction: ReconstructionDrift? = nil,
    multivariateNote: String? = nil
  ) {
    self.features = features
    self.driftedFeatures = driftedFeatures
    self.driftedShare = driftedShare
    self.driftShareThreshold = driftShareThreshold
    self.drifted = drifted
    self.magnitude = magnitude
    self.reconstruction = reconstruction
    self.multivariateNote = multivariateNote
  }

  /// The verdict as the store keeps it: everything but the note of this comparison's run.
  public var stored: DatasetResult {
    var copy = self
    copy.multivariateNote = nil
    return copy
  }

  /// Derives the verdict from per-feature results.
  public init(features: [FeatureResult], driftShareThreshold: Double) {
    self.features = features.count
    self.driftedFeatures = features.filter(\.drifted).count
    self.driftedShare = features.isEmpty ? 0 : Double(driftedFeatures) / Double(features.count)
    self.driftShareThreshold = driftShareThreshold
    self.drifted = driftedFeatures > 0 && driftedShare >= driftShareThreshold
    self.magnitude = nil
    self.reconstruction = nil
    self.multivariateNote = nil
  }
}
