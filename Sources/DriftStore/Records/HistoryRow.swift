import DriftData

/// One stored test result with the window it belongs to.
public struct HistoryRow: Sendable, Equatable {
  /// Monitor name.
  public var monitor: String
  /// The window.
  public var window: Window
  /// The result.
  public var result: FeatureRecord
  /// The feature's share of the window's drift magnitude in percent, when one was stored.
  public var contribution: Double?

  /// Creates a row.
  public init(monitor: String, window: Window, result: FeatureRecord, contribution: Double? = nil) {
    self.monitor = monitor
    self.window = window
    self.result = result
    self.contribution = contribution
  }
}
