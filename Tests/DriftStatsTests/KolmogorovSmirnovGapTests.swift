import Testing

@testable import DriftStats

@Suite struct KolmogorovSmirnovGapTests {
  /// Sorted samples of `count` values from `distinct` values (ties), signed zeros among them.
  static func sample(_ generator: inout SplitMix64, count: Int, distinct: UInt64) -> [Double] {
    (0..<count).map { _ -> Double in
      let draw = generator.next() % distinct
      if draw == 0 { return generator.next() % 2 == 0 ? 0.0 : -0.0 }
      return distinct > 1_000 ? Double(draw) / 977 - 3 : Double(draw) - 3
    }.sorted()
  }

  /// The branch-free merge finds the same point (counts and scaled gap) as the tie-group walk,
  /// on samples from heavily tied to all distinct, of equal and unequal sizes, empty included.
  @Test(arguments: [1, 2, 3, 7, 50, 1_000_000])
  func mergeMatchesGroupWalk(distinct: UInt64) {
    var generator = SplitMix64(seed: distinct)
    for _ in 0..<2_000 {
      let a = Self.sample(&generator, count: Int(generator.next() % 60), distinct: distinct)
      let b = Self.sample(&generator, count: Int(generator.next() % 60), distinct: distinct)
      let reference = KolmogorovSmirnov.largestGapByGroups(a, b)
      let merged = KolmogorovSmirnov.largestGapMerging(a, b)
      #expect(merged == reference, "\(a) \(b)")
      #expect(KolmogorovSmirnov.largestGap(a, b) == reference)
    }
  }

  /// Large samples: the dispatcher picks the merge for distinct values and the group walk for
  /// heavy ties, and both give the group walk's answer.
  @Test func largeSamplesTakeBothWalks() {
    var generator = SplitMix64(seed: 15)
    let distinctA = Self.sample(&generator, count: 20_000, distinct: 1 << 40)
    let distinctB = Self.sample(&generator, count: 30_001, distinct: 1 << 40)
    let tiedA = Self.sample(&generator, count: 20_000, distinct: 40)
    let tiedB = Self.sample(&generator, count: 30_001, distinct: 40)
    #expect(KolmogorovSmirnov.tieShare(distinctA) < 0.25)
    #expect(KolmogorovSmirnov.tieShare(tiedA) > 0.25)
    for (a, b) in [(distinctA, distinctB), (tiedA, tiedB), (distinctA, tiedB)] {
      let reference = KolmogorovSmirnov.largestGapByGroups(a, b)
      #expect(reference.scaledGap > 0)
      #expect(KolmogorovSmirnov.largestGapMerging(a, b) == reference)
      #expect(KolmogorovSmirnov.largestGap(a, b) == reference)
    }
  }

  /// The evaluator finds the gap once for the effect size and hands it to the `ks` test: the
  /// outcome is the one the test finds alone, exact and asymptotic p-values alike.
  @Test(arguments: [(40, 55), (3_000, 3_000), (12_000, 9_000)])
  func knownGapGivesTheSameOutcome(n1: Int, n2: Int) throws {
    var generator = SplitMix64(seed: UInt64(n1 + n2))
    let a = Self.sample(&generator, count: n1, distinct: 1 << 30)
    let b = Self.sample(&generator, count: n2, distinct: 1 << 29)
    let (x, y) = (NumericSample(presorted: a), NumericSample(presorted: b))
    let alone = try KolmogorovSmirnov.test(x, y)
    let gap = KolmogorovSmirnov.largestGap(a, b)
    let known = try KolmogorovSmirnov.test(x, y, gap: gap)
    #expect(alone.statistic.bitPattern == known.statistic.bitPattern)
    #expect(alone.pValue?.bitPattern == known.pValue?.bitPattern)
    #expect(
      KolmogorovSmirnov.distance(gap, n1, n2).bitPattern
        == KolmogorovSmirnov.distance(x, y).bitPattern)
  }
}
