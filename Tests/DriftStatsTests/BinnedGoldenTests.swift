import Testing

@testable import DriftStats

@Suite struct BinnedGoldenTests {
  @Test(arguments: BinnedGolden.shared.numeric)
  func mannWhitney(_ golden: BinnedGolden.NumericCase) throws {
    let (baseline, target) = golden.samples
    let outcome = try MannWhitneyU.test(baseline, target)
    expectStatistic(outcome.statistic, golden.mannwhitney.statistic, "U")
    expectPValue(outcome.pValue, golden.mannwhitney.pvalue, "p")
  }

  @Test(arguments: BinnedGolden.shared.numeric)
  func welch(_ golden: BinnedGolden.NumericCase) throws {
    let (baseline, target) = golden.samples
    guard let expected = golden.welch else {
      #expect(throws: StatsError.self) { try WelchT.test(baseline, target) }
      return
    }
    let outcome = try WelchT.test(baseline, target)
    expectStatistic(outcome.statistic, expected.statistic, "t")
    expectPValue(outcome.pValue, expected.pvalue, "p")
  }

  @Test(arguments: BinnedGolden.shared.numeric)
  func fligner(_ golden: BinnedGolden.NumericCase) throws {
    let (baseline, target) = golden.samples
    guard let expected = golden.fligner else {
      #expect(throws: StatsError.self) { try FlignerKilleen.test(baseline, target) }
      return
    }
    let outcome = try FlignerKilleen.test(baseline, target)
    expectStatistic(outcome.statistic, expected.statistic, "X2")
    expectPValue(outcome.pValue, expected.pvalue, "p")
  }

  @Test(arguments: BinnedGolden.shared.numeric)
  func distances(_ golden: BinnedGolden.NumericCase) throws {
    let (baseline, target) = golden.samples
    expectStatistic(try Wasserstein.distance(baseline, target), golden.wasserstein, "wasserstein")
    expectStatistic(
      try Wasserstein.normalized(baseline, target), golden.wassersteinNorm, "wasserstein_norm")
    expectStatistic(try EnergyDistance.distance(baseline, target), golden.energy, "energy")
  }

  @Test(arguments: BinnedGolden.shared.numeric)
  func quantileBins(_ golden: BinnedGolden.NumericCase) throws {
    let (baseline, target) = golden.samples
    let bins = try QuantileBins(baseline: baseline)
    // Edges must be the same doubles as numpy's: values tied at an edge must land alike.
    #expect(bins.edges == golden.bins.edges)
    let baselineCounts = bins.counts(baseline)
    let targetCounts = bins.counts(target)
    #expect(baselineCounts == golden.bins.baseline)
    #expect(targetCounts == golden.bins.target)
    #expect(bins.counts(unsorted: golden.target.reversed()) == golden.bins.target)
    let b = golden.bins.baseline
    let t = golden.bins.target
    expectStatistic(try DistributionDistance.psi(baseline: b, target: t), golden.bins.psi, "psi")
    expectStatistic(try DistributionDistance.kl(baseline: b, target: t), golden.bins.kl, "kl")
    expectStatistic(
      try DistributionDistance.jensenShannon(baseline: b, target: t), golden.bins.jensenshannon,
      "js")
    expectStatistic(
      try DistributionDistance.hellinger(baseline: b, target: t), golden.bins.hellinger,
      "hellinger")
    expectStatistic(try DistributionDistance.linf(baseline: b, target: t), golden.bins.linf, "linf")
    expectStatistic(try DistributionDistance.tvd(baseline: b, target: t), golden.bins.tvd, "tvd")
  }

  @Test(arguments: BinnedGolden.shared.numeric)
  func missingRateAndSummaries(_ golden: BinnedGolden.NumericCase) throws {
    let (baseline, target) = golden.samples
    let outcome = try MissingRate.test(
      baselineMissing: baseline.missing,
      baselineCount: baseline.count + baseline.missing + baseline.infinite,
      targetMissing: target.missing,
      targetCount: target.count + target.missing + target.infinite)
    expectStatistic(outcome.statistic, golden.missingRate.statistic, "missing share")
    expectPValue(outcome.pValue, golden.missingRate.pvalue, "missing p")
    for (sample, expected) in [(baseline, golden.baselineSummary), (target, golden.targetSummary)] {
      let summary = NumericSummary(sample: sample)
      #expect(summary.count == expected.count)
      #expect(summary.missing == expected.missing)
      #expect(summary.infinite == expected.infinite)
      expectStatistic(summary.mean, expected.mean, "mean")
      expectStatistic(summary.std, expected.std, "std")
      #expect(summary.min == expected.min)
      #expect(summary.max == expected.max)
      #expect(summary.p25 == expected.p25)
      #expect(summary.p50 == expected.p50)
      #expect(summary.p75 == expected.p75)
    }
    let share = try NumericSummary.shareOutsideBaselineRange(baseline: baseline, target: target)
    expectStatistic(share, golden.shareOutside, "share outside")
  }
}
