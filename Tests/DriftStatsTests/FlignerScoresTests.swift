import CGSL
import Testing

@testable import DriftStats

/// `fligner`'s score tables (``FlignerScores``), their cache and the block scores, against the
/// direct computation and GSL, bit for bit.
@Suite struct FlignerScoresTests {
  /// Seeded sorted samples: untied full-precision values, heavy ties, a few ties only (the first
  /// one late, past the squares' first checkpoints), a mix.
  static func samples(shape: Int, count: Int) -> ([Double], [Double]) {
    var generator = SplitMix64(seed: UInt64(31 * shape + count))
    func value(_ side: Double) -> Double {
      switch shape {
      case 0: return KeySorterTests.normal(&generator) * side
      case 1: return Double(generator.next() % 9) * side
      case 2:
        return generator.next() % 3 == 0
          ? Double(generator.next() % 4) : KeySorterTests.normal(&generator) * side + 10
      default: return KeySorterTests.normal(&generator) * side
      }
    }
    var baseline = (0..<count).map { _ in value(1) }
    let target = (0..<(count + count / 3 + 1)).map { _ in value(1.2) }
    if shape == 3 {
      // A handful of repeated values (ties among the largest deviations, so the first tie
      // comes after most ranks).
      let sorted = baseline.sorted { abs($0) < abs($1) }
      for k in 0..<min(4, count / 2) { baseline[k] = sorted[count - 1 - k] }
    }
    return (baseline.sorted(), target.sorted())
  }

  /// The test with a table for its N, without one, and the plain formulation: the same bits,
  /// on tied and untied samples of sizes around the squares' checkpoints.
  @Test(arguments: 0..<4, [2, 3, 10, 501, 4_000, 4_097, 9_000])
  func tablePathMatchesDirectPath(shape: Int, count: Int) throws {
    let (baseline, target) = Self.samples(shape: shape, count: count)
    let x = FlignerKilleen.absoluteDeviations(baseline)
    let y = FlignerKilleen.absoluteDeviations(target)
    let table = FlignerScores(total: x.count + y.count)
    let direct = try FlignerKilleen.test(deviations: x, y, table: nil)
    let tabled = try FlignerKilleen.test(deviations: x, y, table: table)
    let (statistic, pValue) = FlignerKilleenSumTests.plainStatistic(baseline, target)
    #expect(direct.statistic.bitPattern == statistic.bitPattern)
    #expect(direct.pValue?.bitPattern == pValue.bitPattern)
    #expect(tabled.statistic.bitPattern == statistic.bitPattern)
    #expect(tabled.pValue?.bitPattern == pValue.bitPattern)
    // The public entry through a cache: the second feature of this N builds the table.
    let cache = FlignerScoreCache()
    for _ in 0..<3 {
      let outcome = try FlignerKilleen.test(
        NumericSample(presorted: baseline), NumericSample(presorted: target), cache: cache)
      #expect(outcome.statistic.bitPattern == statistic.bitPattern)
    }
  }

  /// The cache hands out only a table for the N asked: built on the second request, kept for
  /// later ones, never another N's, never past its budget.
  @Test func cacheReturnsTheTableOfTheAskedTotal() throws {
    let cache = FlignerScoreCache(budget: 250)
    #expect(cache.scores(total: 100) == nil)  // first request: computed directly
    #expect(cache.scores(total: 101) == nil)
    let first = try #require(cache.scores(total: 100))
    let second = try #require(cache.scores(total: 101))
    #expect(first.total == 100 && first.scores.count == 100)
    #expect(second.total == 101 && second.scores.count == 101)
    for (table, total) in [(first, 100), (second, 101)] {
      for below in 0..<total {
        let expected = FlignerScores.score(below: below, tied: 1, total: Double(total))
        #expect(table.scores[below].bitPattern == expected.bitPattern)
      }
    }
    // Asked again, in another order: each N its own table.
    #expect(cache.scores(total: 101)?.total == 101)
    #expect(cache.scores(total: 100)?.total == 100)
    // 201 scores held; 60 more would pass the budget of 250.
    #expect(cache.scores(total: 60) == nil)
    #expect(cache.scores(total: 60) == nil)
    #expect(cache.scores(total: 49) == nil)
    #expect(cache.scores(total: 49)?.total == 49)
    #expect(cache.scores(total: 0) == nil)
  }

  /// Block scores (four ranks a time) against GSL's Φ⁻¹ of each rank, from offsets and counts
  /// that are not multiples of four, for totals whose ranks reach the outer regions.
  @Test(arguments: [1, 2, 5, 40, 1_001, 250_003])
  func blockScoresMatchGSL(total: Int) {
    var mismatches = 0
    let n = Double(total)
    var start = 0
    var generator = SplitMix64(seed: UInt64(total))
    var block = [Double](repeating: 0, count: 1_027)
    while start < total {
      let count = min(1 + Int(generator.next() % 1_027), total - start)
      block.withUnsafeMutableBufferPointer { block in
        FlignerScores.fillUntied(
          from: start, count: count, total: total, into: block.baseAddress.unsafelyUnwrapped)
      }
      for k in 0..<count {
        let rank = Double(start + k + 1)
        let expected = gsl_cdf_ugaussian_Pinv(0.5 + rank / (2 * (n + 1)))
        if block[k].bitPattern != expected.bitPattern { mismatches += 1 }
      }
      start += count
    }
    #expect(mismatches == 0)
  }

  /// The squares' sum of the first ranks, restarted from a checkpoint, against the chain from
  /// the first rank.
  @Test func squaresBeforeARankMatchTheChain() {
    let table = FlignerScores(total: 3 * FlignerScores.checkpointInterval + 5)
    var chain = ExactSum()
    var checked = 0
    for count in 0...table.total {
      if count % 97 == 0 || count % FlignerScores.checkpointInterval <= 1 || count == table.total {
        let sum = table.squares(before: count)
        #expect(sum.high.bitPattern == chain.high.bitPattern, "\(count)")
        #expect(sum.low.bitPattern == chain.low.bitPattern, "\(count)")
        checked += 1
      }
      if count < table.total {
        chain.add(product: table.scores[count], table.scores[count])
      }
    }
    #expect(table.untiedSquares.high.bitPattern == chain.high.bitPattern)
    #expect(table.untiedSquares.low.bitPattern == chain.low.bitPattern)
    #expect(checked > 100)
  }
}
