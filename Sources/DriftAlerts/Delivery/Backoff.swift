import Foundation

/// Exponential backoff with full jitter: after attempt n the wait is uniform in
/// [1, min(cap, base * 2^(n-1))] seconds, so receivers coming back are not hit by every
/// retry at once.
public struct Backoff: Sendable {
  /// The ceiling after the first failed attempt, in seconds.
  public var base: Int64
  /// The largest wait, in seconds.
  public var cap: Int64
  private let random: RandomSource

  /// A backoff policy.
  ///
  /// - Parameters:
  ///   - base: Seconds; the first retry waits up to this long.
  ///   - cap: Seconds; no wait is longer.
  ///   - seed: Makes the jitter reproducible (tests); nil uses the system generator.
  public init(base: Int64 = 30, cap: Int64 = 3600, seed: UInt64? = nil) {
    self.base = max(1, base)
    self.cap = max(self.base, cap)
    self.random = RandomSource(seed: seed)
  }

  /// Seconds to wait after `attempts` failed attempts (at least 1).
  public func delay(afterAttempts attempts: Int) -> Int64 {
    let doublings = Int64(min(max(attempts - 1, 0), 30))
    let ceiling = min(cap, base << doublings)
    return random.next(in: 1...max(1, ceiling))
  }
}

/// A generator shared across tasks: SplitMix64 when seeded, else the system's.
private final class RandomSource: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var state: UInt64?

  init(seed: UInt64?) {
    state = seed
  }

  func next(in range: ClosedRange<Int64>) -> Int64 {
    lock.withLock {
      guard var seeded = state else { return Int64.random(in: range) }
      seeded &+= 0x9E37_79B9_7F4A_7C15
      state = seeded
      var z = seeded
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      let width = UInt64(range.upperBound - range.lowerBound) + 1
      return range.lowerBound + Int64(z % width)
    }
  }
}
