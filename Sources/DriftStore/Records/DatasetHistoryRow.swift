import DriftData
import DriftStats

/// One evaluated window's data-set-level results: the verdict over its features, the drift
/// magnitude and the reconstruction drift, with the names of the features that drifted.
public struct DatasetHistoryRow: Sendable, Equatable {
  /// Monitor name.
  public var monitor: String
  /// The window.
  public var window: Window
  /// The data-set verdict, magnitude and reconstruction drift as stored.
  public var dataset: DatasetResult
  /// Names of the features with a drifted test, sorted.
  public var driftedFeatures: [String]

  /// Creates a row.
  public init(
    monitor: String, window: Window, dataset: DatasetResult, driftedFeatures: [String]
  ) {
    self.monitor = monitor
    self.window = window
    self.dataset = dataset
    self.driftedFeatures = driftedFeatures
  }
}
