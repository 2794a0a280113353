import Testing

@testable import DriftStats

@Suite struct BinnedEdgeCaseTests {
  let empty = NumericSample(presorted: [], missing: 3)
  let some = NumericSample(presorted: [1, 2, 3])

  @Test func emptySidesThrow() {
    #expect(throws: StatsError.self) { try MannWhitneyU.test(empty, some) }
    #expect(throws: StatsError.self) { try MannWhitneyU.test(some, empty) }
    #expect(throws: StatsError.self) { try WelchT.test(empty, some) }
    #expect(throws: StatsError.self) { try Wasserstein.distance(some, empty) }
    #expect(throws: StatsError.self) { try Wasserstein.normalized(empty, some) }
    #expect(throws: StatsError.self) { try EnergyDistance.distance(empty, some) }
    #expect(throws: StatsError.self) { try QuantileBins(baseline: empty) }
    #expect(throws: StatsError.self) {
      try NumericSummary.shareOutsideBaselineRange(baseline: some, target: empty)
    }
    #expect(throws: StatsError.self) {
      try MissingRate.test(baselineMissing: 0, baselineCount: 0, targetMissing: 0, targetCount: 5)
    }
  }

  @Test func welchNeedsTwoValuesAndHandlesConstants() throws {
    #expect(throws: StatsError.self) { try WelchT.test(NumericSample(presorted: [1]), some) }
    let equal = try WelchT.test(
      NumericSample(presorted: [2, 2, 2]), NumericSample(presorted: [2, 2]))
    #expect(equal == TestOutcome(statistic: 0, pValue: 1))
    let apart = try WelchT.test(
      NumericSample(presorted: [2, 2, 2]), NumericSample(presorted: [5, 5]))
    #expect(apart == TestOutcome(statistic: -.greatestFiniteMagnitude, pValue: 0))
  }

  @Test func welchIsScaleInvariantForTinyValues() throws {
    let unit = try WelchT.test(
      NumericSample(presorted: [1, 2, 4]), NumericSample(presorted: [3, 5]))
    let tiny = try WelchT.test(
      NumericSample(presorted: [1e-150, 2e-150, 4e-150]),
      NumericSample(presorted: [3e-150, 5e-150]))
    #expect(abs(tiny.statistic - unit.statistic) <= 1e-12 * abs(unit.statistic))
    #expect(abs((tiny.pValue ?? 0) - (unit.pValue ?? 1)) <= 1e-12)
  }

  @Test func exactMannWhitneyWithHugeTargetIsFiniteAndSymmetric() throws {
    let large = NumericSample(presorted: (0..<200_000).map { Double($0) + 0.5 })
    let small = NumericSample(presorted: [10_000, 150_000, 199_000])
    let forward = try MannWhitneyU.test(small, large)
    let backward = try MannWhitneyU.test(large, small)
    let p = try #require(forward.pValue)
    #expect(p.isFinite && p > 0 && p <= 1)
    #expect(forward.pValue == backward.pValue)
    #expect(forward.statistic + backward.statistic == 3 * 200_000)
  }

  @Test func allTiedMannWhitneyHasPValueOne() throws {
    let outcome = try MannWhitneyU.test(
      NumericSample(presorted: [4, 4, 4]), NumericSample(presorted: [4, 4]))
    #expect(outcome == TestOutcome(statistic: 3, pValue: 1))
  }

  @Test func binsAreLeftClosedAndOpenEnded() throws {
    let bins = try QuantileBins(edges: [1, 2, 3])
    #expect(bins.bin(of: 0.5) == 0)
    #expect(bins.bin(of: 1) == 1)
    #expect(bins.bin(of: 2.999) == 2)
    #expect(bins.bin(of: 3) == 3)
    #expect(bins.bin(of: 1e300) == 3)
    #expect(bins.bin(of: -1e300) == 0)
    let sample = NumericSample(presorted: [-5, 1, 1, 1.5, 2, 3, 3, 9])
    #expect(bins.counts(sample) == [1, 3, 1, 3])
    #expect(bins.counts(unsorted: [3, .nan, 1, .infinity, -5]) == [1, 1, 0, 1])
    #expect(throws: StatsError.self) { try QuantileBins(edges: [1, 1]) }
  }

  @Test func constantBaselineHasOneEdge() throws {
    let bins = try QuantileBins(baseline: NumericSample(presorted: [7, 7, 7, 7]))
    #expect(bins.edges == [7])
    #expect(bins.counts(NumericSample(presorted: [6, 7, 8])) == [1, 2])
  }

  @Test func countVectorsAreValidated() {
    #expect(throws: StatsError.self) { try DistributionDistance.psi(baseline: [], target: []) }
    #expect(throws: StatsError.self) {
      try DistributionDistance.tvd(baseline: [1], target: [1, 2])
    }
    #expect(throws: StatsError.self) {
      try DistributionDistance.kl(baseline: [0, 0], target: [1, 2])
    }
    #expect(throws: StatsError.self) {
      try DistributionDistance.linf(baseline: [-1, 2], target: [1, 2])
    }
    #expect(throws: StatsError.self) {
      try ContingencyTest.chiSquare(baseline: [1, 2], target: [0, 0])
    }
    #expect(throws: StatsError.self) { try ContingencyTest.gTest(baseline: [1], target: [1, 2]) }
  }

  @Test func identicalDistributionsAreZeroApart() throws {
    let counts = [3, 0, 7, 11]
    #expect(try DistributionDistance.psi(baseline: counts, target: counts) == 0)
    #expect(try DistributionDistance.kl(baseline: counts, target: counts) == 0)
    #expect(try DistributionDistance.jensenShannon(baseline: counts, target: counts) == 0)
    #expect(try DistributionDistance.hellinger(baseline: counts, target: counts) == 0)
    #expect(try DistributionDistance.tvd(baseline: counts, target: counts) == 0)
  }

  @Test func missingRateWithoutMissingValues() throws {
    let none = try MissingRate.test(
      baselineMissing: 0, baselineCount: 10, targetMissing: 0, targetCount: 20)
    #expect(none == TestOutcome(statistic: 0, pValue: 1))
    let all = try MissingRate.test(
      baselineMissing: 10, baselineCount: 10, targetMissing: 20, targetCount: 20)
    #expect(all == TestOutcome(statistic: 0, pValue: 1))
    #expect(throws: StatsError.self) {
      try MissingRate.test(baselineMissing: 11, baselineCount: 10, targetMissing: 0, targetCount: 1)
    }
  }

  @Test func adjustmentNeverReturnsNaN() {
    let adjusted = MultipleTesting.adjust([0.01, .nan, 2, -1], method: .bh)
    #expect(adjusted.allSatisfy { $0.isFinite && (0...1).contains($0) })
    #expect(MultipleTesting.adjust([], method: .bonferroni) == [])
  }

  @Test func summariesOfEmptyAndSingleValue() {
    let emptySummary = NumericSummary(sample: empty)
    #expect(emptySummary.count == 3)
    #expect(emptySummary.mean == nil && emptySummary.min == nil && emptySummary.std == nil)
    let one = NumericSummary(sample: NumericSample(presorted: [4]))
    #expect(one.mean == 4 && one.p50 == 4 && one.std == nil)
    let column = CategoricalColumn(codes: [-1, -1], categories: ["a"])
    let summary = CategoricalSummary(column: column)
    #expect(summary.unique == 0 && summary.top.isEmpty && summary.missing == 2)
  }
}
