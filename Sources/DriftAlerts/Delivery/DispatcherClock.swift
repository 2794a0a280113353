import Foundation

/// The dispatcher's time: wall-clock seconds for the outbox, and sleeping between passes.
public protocol DispatcherClock: Sendable {
  /// Now, in Unix seconds.
  func now() -> Int64
  /// Waits `seconds`; throws when the task is cancelled.
  func sleep(seconds: Double) async throws
}

/// The real clock.
public struct SystemDispatcherClock: DispatcherClock {
  /// Creates the system clock.
  public init() {}

  public func now() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec)
  }

  public func sleep(seconds: Double) async throws {
    try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
  }
}
