/// One time window of a monitor: `[start, end)` in seconds since the epoch, UTC.
public struct Window: Sendable, Hashable, Comparable {
  /// First second inside the window.
  public var start: Int64
  /// First second after the window.
  public var end: Int64

  /// Creates a window.
  public init(start: Int64, end: Int64) {
    self.start = start
    self.end = end
  }

  /// The window of `size` that contains `time`.
  public init(containing time: Int64, size: WindowSize) {
    let start = size.start(containing: time)
    self.init(start: start, end: size.end(ofWindowStartingAt: start))
  }

  /// Whether `time` lies in `[start, end)`.
  public func contains(_ time: Double) -> Bool {
    time >= Double(start) && time < Double(end)
  }

  public static func < (lhs: Window, rhs: Window) -> Bool { lhs.start < rhs.start }
}
