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

@Suite struct SortedFiniteTests {
  /// Columns whose keys span few or many bits: the passes the sort needs change with the span.
  static let columns: [(String, @Sendable (inout SplitMix64, Int) -> Double)] = [
    ("narrow", { g, _ in 100 + Double(g.next() % 1_000_000) * 1e-9 }),
    ("normal-ish", { g, _ in 100 + Double(Int64(bitPattern: g.next()) % 1_000_000) / 3e4 }),
    ("wide", { g, i in Double(bitPattern: g.next() >> 2) * (i % 3 == 0 ? -1 : 1) }),
    ("negative", { g, _ in -Double(g.next() % 10_000) / 7 }),
    ("constant", { _, _ in 42.5 }),
    ("signed zeros", { g, _ in g.next() % 2 == 0 ? 0.0 : -0.0 }),
    (
      "with gaps", { g, i in i % 7 == 0 ? .nan : i % 11 == 0 ? -.infinity : Double(g.next() % 977) }
    ),
  ]

  /// One pass that drops NaN and infinities then sorts gives what filtering then sorting gave.
  @Test(arguments: 0..<7, [10, 2047, 2048, 50_000])
  func matchesFilterThenSort(column: Int, count: Int) {
    var generator = SplitMix64(seed: UInt64(column * 1000 + count))
    let values = (0..<count).map { Self.columns[column].1(&generator, $0) }
    // Independent references: below the radix threshold the standard sort (as before), above it
    // a comparison sort on the total order of the bits (-0 before +0, as the radix sort has it).
    let finite = values.filter(\.isFinite)
    let expected =
      count < Sorting.radixThreshold
      ? finite.sorted() : finite.sorted { Sorting.key($0) < Sorting.key($1) }
    let (sorted, missing, infinite) = Sorting.sortedFinite(values)
    #expect(sorted.map(\.bitPattern) == expected.map(\.bitPattern), "\(Self.columns[column].0)")
    #expect(missing == values.filter(\.isNaN).count)
    #expect(infinite == values.filter(\.isInfinite).count)
    #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0 <= $1 })
    // Also from a slice (no contiguous storage needed) and a lazy collection.
    #expect(
      Sorting.sortedFinite(values[...]).sorted.map(\.bitPattern) == expected.map(\.bitPattern))
    #expect(
      Sorting.sortedFinite(values.lazy.map { $0 }).sorted.map(\.bitPattern)
        == expected.map(\.bitPattern))
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
