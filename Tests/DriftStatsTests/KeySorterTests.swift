import Foundation
import Testing

@testable import DriftStats

/// The most-significant-digit sort against an independent reference: the standard library's
/// comparison sort of the same keys (one total order on the bit patterns, -0 before +0).
@Suite struct KeySorterTests {
  /// Column shapes: spread, ties, order, signed zeros, subnormals, extremes.
  static let shapes: [(String, @Sendable (inout SplitMix64, Int, Int) -> Double)] = [
    ("normal", { g, _, _ in normal(&g) }),
    ("normal(100, 20), 17 digits", { g, _, _ in 100 + 20 * normal(&g) }),
    ("lognormal", { g, _, _ in exp(3 * normal(&g)) }),
    ("integers with ties", { g, _, _ in Double(Int64(bitPattern: g.next()) % 50) }),
    ("two values", { g, _, _ in g.next() % 2 == 0 ? 0 : 1 }),
    ("all equal", { _, _, _ in -7.25 }),
    ("sorted", { _, i, _ in Double(i) * 0.37 - 1000 }),
    ("reversed", { _, i, n in Double(n - i) * 1e-3 }),
    ("signed zeros", { g, _, _ in g.next() % 2 == 0 ? 0.0 : -0.0 }),
    (
      "subnormals and zeros",
      { g, _, _ in
        let tiny = Double(bitPattern: g.next() % (1 << 52))  // subnormal or +0
        return g.next() % 2 == 0 ? tiny : -tiny
      }
    ),
    ("any bits", { g, _, _ in Double(bitPattern: g.next()) }),  // NaN and inf too
    (
      "extremes",
      { g, i, _ in
        [
          Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
          -.leastNonzeroMagnitude, 0, -0.0, 1, -1, .nan, .infinity, -.infinity,
        ][
          Int(g.next() % 11)] * (i % 3 == 0 ? 1 : 0.5)
      }
    ),
    (
      "one heavy cluster",
      { g, i, _ in i % 10 == 0 ? normal(&g) * 1e6 : 3 + Double(g.next() % 1000) * 1e-12 }
    ),
    ("narrow, full precision", { g, _, _ in 1 + Double(g.next() % (1 << 20)) * 0x1p-52 }),
  ]

  static func normal(_ g: inout SplitMix64) -> Double {
    let u = Double(g.next() >> 11 | 1) * 0x1p-53
    let v = Double(g.next() >> 11) * 0x1p-53
    return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
  }

  /// What the sort must give: the keys sorted by the standard library, mapped back.
  static func reference(_ values: [Double]) -> [UInt64] {
    values.map(Sorting.key).sorted().map { Sorting.value($0).bitPattern }
  }

  static func column(_ shape: Int, _ count: Int) -> [Double] {
    var generator = SplitMix64(seed: UInt64(shape * 1_000_003 + count))
    return (0..<count).map { shapes[shape].1(&generator, $0, count) }
  }

  /// Every shape at small sizes (the sorter on its own, below the radix threshold too) and at
  /// sizes that need several levels.
  @Test(arguments: 0..<14, [0, 1, 2, 3, 4, 5, 17, 100, 2048, 40_000, 150_000])
  func matchesComparisonSortOfKeys(shape: Int, count: Int) {
    let values = Self.column(shape, count)
    var storage = values.map { Double(bitPattern: Sorting.key($0)) }
    let keys = storage.map(\.bitPattern)
    KeySorter.sortInPlace(
      &storage, smallest: keys.min() ?? 0, largest: keys.max() ?? 0)
    #expect(storage.map(\.bitPattern) == Self.reference(values), "\(Self.shapes[shape].0)")
  }

  /// Through the entry points the statistics use: the finite values, bit for bit.
  @Test(arguments: 0..<14)
  func sortedFiniteAndSortAscendingMatch(shape: Int) {
    let values = Self.column(shape, 60_000)
    let finite = values.filter(\.isFinite)
    let expected = Self.reference(finite)
    let (sorted, missing, infinite) = Sorting.sortedFinite(values)
    #expect(sorted.map(\.bitPattern) == expected, "\(Self.shapes[shape].0)")
    #expect(missing == values.filter(\.isNaN).count)
    #expect(infinite == values.filter(\.isInfinite).count)
    // A column with many values left out gets an array without their capacity.
    if missing + infinite > values.count / 8 {
      #expect(sorted.capacity < values.count - values.count / 8)
    }
    var inPlace = finite
    Sorting.sortAscending(&inPlace)
    #expect(inPlace.map(\.bitPattern) == expected, "\(Self.shapes[shape].0)")
  }
}
