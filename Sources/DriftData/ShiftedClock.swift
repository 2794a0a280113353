/// The system clock moved by a fixed offset so that it read a chosen time when it was created
/// and runs on from there at the real pace: `serve --now` replays.
public struct ShiftedClock: WallClock {
  /// Seconds added to the system clock.
  public let offset: Int64
  private let base = SystemClock()

  /// A clock that reads `start` now.
  public init(startingAt start: Int64) {
    offset = start - base.now()
  }

  /// The system time plus the offset.
  public func seconds() -> Double {
    base.seconds() + Double(offset)
  }

  /// Sleeps in real time (the offset does not change durations).
  public func sleep(seconds: Double) async throws {
    try await base.sleep(seconds: seconds)
  }
}
