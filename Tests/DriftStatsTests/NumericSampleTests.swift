import Testing

@testable import DriftStats

@Suite struct NumericSampleTests {
  @Test func sortsAndCountsMissingAndInfinite() {
    let sample = NumericSample(values: [3, .nan, 1, .infinity, 2, -.infinity, .nan])
    #expect(sample.sorted == [1, 2, 3])
    #expect(sample.missing == 2)
    #expect(sample.infinite == 2)
  }
}

@Suite struct SortingTests {
  /// The radix sort must give exactly the order of the standard comparison sort.
  @Test(arguments: [0, 1, 2, 2047, 2048, 5000, 100_000])
  func radixSortMatchesComparisonSort(count: Int) {
    var generator = SplitMix64(seed: UInt64(count) + 7)
    var values = (0..<count).map { index -> Double in
      switch index % 5 {
      case 0: Double(Int64(bitPattern: generator.next()) % 100)  // ties, negatives, zero
      case 1: Double(bitPattern: generator.next() >> 2) * (index % 2 == 0 ? 1 : -1)  // wide range
      case 2: -0.0
      default: Double(generator.next() % 1_000_000) / 997 - 500
      }
    }
    var expected = values
    expected.sort()
    Sorting.sortAscending(&values)
    #expect(values == expected)
  }
}

/// A small seeded generator so test data is the same on every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
