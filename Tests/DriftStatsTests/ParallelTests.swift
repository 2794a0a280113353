import DriftStats
import Testing

/// The one parallel map (features in DriftStats, chunks in DriftData): results in order and the
/// same at every thread count.
@Suite struct ParallelTests {
  /// Work whose result depends only on its input, with uneven cost so workers finish out of order.
  static func work(_ index: Int) -> Double {
    var value = Double(index)
    for step in 0..<((index * 7919) % 500) { value = (value * 1.000_1 + Double(step)).squareRoot() }
    return value
  }

  @Test(arguments: [0, 1, 2, 3, 17, 257])
  func indicesKeepTheirOrderAtEveryThreadCount(count: Int) {
    let expected = (0..<count).map(Self.work)
    for threads in [nil, 1, 2, 3, 8] as [Int?] {
      let got = Parallel.map(count: count, threads: threads, Self.work)
      #expect(
        got.map(\.bitPattern) == expected.map(\.bitPattern),
        "threads \(String(describing: threads))")
    }
  }

  @Test func itemsMapInOrder() {
    let items = (0..<100).map { "item \($0)" }
    for threads in [nil, 1, 4] as [Int?] {
      #expect(
        Parallel.map(items, threads: threads) { $0.uppercased() } == items.map { $0.uppercased() })
    }
  }
}
