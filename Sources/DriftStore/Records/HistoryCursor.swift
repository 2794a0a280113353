import DriftStats

/// A position in the history order: the window start, feature and test of the last result a
/// page held.
public struct HistoryCursor: Sendable, Equatable {
  /// Start of the window, seconds since the epoch.
  public var windowStart: Int64
  /// Feature name.
  public var feature: String
  /// Test identifier.
  public var test: String

  /// Creates a cursor.
  public init(windowStart: Int64, feature: String, test: String) {
    self.windowStart = windowStart
    self.feature = feature
    self.test = test
  }
}
