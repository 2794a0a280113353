import Foundation

/// The machine's real-time clock: what the daemon runs on.
public struct SystemClock: WallClock {
  /// Creates the system clock.
  public init() {}

  /// Now, in seconds since the epoch.
  public func seconds() -> Double {
    Date().timeIntervalSince1970
  }

  /// Sleeps on the task scheduler; throws `CancellationError` when the task is cancelled.
  public func sleep(seconds: Double) async throws {
    guard seconds > 0 else { return try Task.checkCancellation() }
    try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
  }
}
