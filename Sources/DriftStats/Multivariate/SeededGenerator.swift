/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64) whose output is
/// fixed by its seed on every platform and Swift version.
///
/// The multivariate drift measures sample and shuffle rows with it so that the same data and seed
/// give the same numbers, bit for bit. Swift's own `random(in:using:)` helpers are not used: their
/// algorithm is not part of the language's guarantees.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// Creates a generator from a seed and a stream number (different streams of one seed are
  /// independent sequences).
  public init(seed: UInt64, stream: UInt64 = 0) {
    var mixer = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
    state = (
      Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer)
    )
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotate(state.1 &* 5, 7) &* 9
    let shifted = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= shifted
    state.3 = rotate(state.3, 45)
    return result
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject method, unbiased).
  public mutating func index(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold {
        product = next().multipliedFullWidth(by: range)
      }
    }
    return Int(product.high)
  }

  /// `count` distinct indices of `0..<population` in random order (a partial Fisher-Yates
  /// shuffle): a uniform sample without replacement, itself uniformly shuffled.
  public mutating func sample(population: Int, count: Int) -> [Int] {
    let count = min(max(count, 0), population)
    var indices = [Int32](unsafeUninitializedCapacity: population) { buffer, initialized in
      for index in 0..<population { buffer[index] = Int32(truncatingIfNeeded: index) }
      initialized = population
    }
    var picked = [Int]()
    picked.reserveCapacity(count)
    for position in 0..<count {
      let other = position + index(below: population - position)
      indices.swapAt(position, other)
      picked.append(Int(indices[position]))
    }
    return picked
  }

  private static func splitMix(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
  }
}
