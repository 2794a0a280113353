import DriftStats

/// The verdict over all features of a window, as stored on its `runs` row.
public struct DatasetSummary: Sendable, Equatable {
  /// Features compared.
  public var features: Int
  /// Features with at least one drifted test.
  public var driftedFeatures: Int
  /// `driftedFeatures / features`.
  public var driftedShare: Double
  /// The share at or above which the data set counts as drifted.
  public var driftShareThreshold: Double
  /// Whether the data set drifted.
  public var drifted: Bool
  /// The domain classifier's drift magnitude (percent 0-100, AUC, MCC, rows sampled); `nil`
  /// when it was not computed.
  public var magnitude: DriftMagnitude?
  /// The reconstruction-error drift with its quiet band; `nil` when it was not computed.
  public var reconstruction: ReconstructionDrift?

  /// Creates a summary.
  public init(
    features: Int, driftedFeatures: Int, driftedShare: Double, driftShareThreshold: Double,
    drifted: Bool, magnitude: DriftMagnitude? = nil, reconstruction: ReconstructionDrift? = nil
  ) {
    self.features = features
    self.driftedFeatures = driftedFeatures
    self.driftedShare = driftedShare
    self.driftShareThreshold = driftShareThreshold
    self.drifted = drifted
    self.magnitude = magnitude
    self.reconstruction = reconstruction
  }

  /// The summary of a report's data-set verdict, with its magnitude and reconstruction drift.
  public init(_ result: DatasetResult) {
    self.init(
      features: result.features, driftedFeatures: result.driftedFeatures,
      driftedShare: result.driftedShare, driftShareThreshold: result.driftShareThreshold,
      drifted: result.drifted, magnitude: result.magnitude, reconstruction: result.reconstruction)
  }
}
