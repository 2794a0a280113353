import DriftData

/// One stored test result with the window it belongs to.
public struct HistoryRow: Sendable, Equatable {
  /// Monitor name.
  public var monitor: String
  /// The window.
  public var window: Window
  /// The result.
  public var result: FeatureRecord

  /// Creates a row.
  public init(monitor: String, window: Window, result: FeatureRecord) {
    self.monitor = monitor
    self.window = window
    self.result = result
  }
}
