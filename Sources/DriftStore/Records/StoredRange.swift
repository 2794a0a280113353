import DriftData

/// The oldest and newest windows stored for one monitor (any status).
public struct StoredRange: Sendable, Equatable {
  /// The window that starts first.
  public var oldest: Window
  /// The window that starts last.
  public var newest: Window
  /// How many windows are stored.
  public var count: Int

  /// Creates a range.
  public init(oldest: Window, newest: Window, count: Int) {
    self.oldest = oldest
    self.newest = newest
    self.count = count
  }
}
