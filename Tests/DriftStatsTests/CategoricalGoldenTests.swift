import Testing

@testable import DriftStats

@Suite struct CategoricalGoldenTests {
  @Test(arguments: BinnedGolden.shared.categorical)
  func alignmentAndTests(_ golden: BinnedGolden.CategoricalCase) throws {
    let baseline = categoricalColumn(golden.baseline)
    let target = categoricalColumn(golden.target)
    let aligned = AlignedCategoryCounts(baseline: baseline, target: target)
    #expect(aligned.labels == golden.labels)
    #expect(aligned.baseline == golden.baselineCounts)
    #expect(aligned.target == golden.targetCounts)
    #expect(aligned.unseenInBaseline == golden.unseen)

    let b = aligned.baseline
    let t = aligned.target
    let chi = try ContingencyTest.chiSquare(baseline: b, target: t)
    expectStatistic(chi.statistic, golden.chisquare.statistic, "chi2")
    expectPValue(chi.pValue, golden.chisquare.pvalue, "chi2 p")
    let g = try ContingencyTest.gTest(baseline: b, target: t)
    expectStatistic(g.statistic, golden.gtest.statistic, "G")
    expectPValue(g.pValue, golden.gtest.pvalue, "G p")

    let d = golden.distances
    expectStatistic(try DistributionDistance.psi(baseline: b, target: t), d.psi, "psi")
    expectStatistic(try DistributionDistance.kl(baseline: b, target: t), d.kl, "kl")
    expectStatistic(
      try DistributionDistance.jensenShannon(baseline: b, target: t), d.jensenshannon, "js")
    expectStatistic(try DistributionDistance.hellinger(baseline: b, target: t), d.hellinger, "h")
    expectStatistic(try DistributionDistance.linf(baseline: b, target: t), d.linf, "linf")
    expectStatistic(try DistributionDistance.tvd(baseline: b, target: t), d.tvd, "tvd")

    let (_, baselineMissing) = baseline.counts()
    let (_, targetMissing) = target.counts()
    let missing = try MissingRate.test(
      baselineMissing: baselineMissing, baselineCount: baseline.codes.count,
      targetMissing: targetMissing, targetCount: target.codes.count)
    expectStatistic(missing.statistic, golden.missingRate.statistic, "missing share")
    expectPValue(missing.pValue, golden.missingRate.pvalue, "missing p")
  }

  @Test(arguments: BinnedGolden.shared.categorical)
  func summaries(_ golden: BinnedGolden.CategoricalCase) {
    for (labels, expected) in [
      (golden.baseline, golden.baselineSummary), (golden.target, golden.targetSummary),
    ] {
      let summary = CategoricalSummary(column: categoricalColumn(labels))
      #expect(summary.count == expected.count)
      #expect(summary.missing == expected.missing)
      #expect(summary.unique == expected.unique)
      #expect(summary.top.map(\.label) == expected.top.map(\.label))
      #expect(summary.top.map(\.count) == expected.top.map(\.count))
      for (entry, want) in zip(summary.top, expected.top) {
        expectStatistic(entry.share, want.share, "share of \(want.label)")
      }
    }
  }

  @Test(arguments: BinnedGolden.shared.counts)
  func countVectors(_ golden: BinnedGolden.CountsCase) throws {
    let b = golden.baseline
    let t = golden.target
    let chi = try ContingencyTest.chiSquare(baseline: b, target: t)
    expectStatistic(chi.statistic, golden.chisquare.statistic, "chi2")
    expectPValue(chi.pValue, golden.chisquare.pvalue, "chi2 p")
    let g = try ContingencyTest.gTest(baseline: b, target: t)
    expectStatistic(g.statistic, golden.gtest.statistic, "G")
    expectPValue(g.pValue, golden.gtest.pvalue, "G p")
    expectStatistic(try DistributionDistance.psi(baseline: b, target: t), golden.psi, "psi")
    expectStatistic(try DistributionDistance.kl(baseline: b, target: t), golden.kl, "kl")
    expectStatistic(
      try DistributionDistance.jensenShannon(baseline: b, target: t), golden.jensenshannon, "js")
    expectStatistic(
      try DistributionDistance.hellinger(baseline: b, target: t), golden.hellinger, "h")
    expectStatistic(try DistributionDistance.linf(baseline: b, target: t), golden.linf, "linf")
    expectStatistic(try DistributionDistance.tvd(baseline: b, target: t), golden.tvd, "tvd")
  }

  @Test(arguments: BinnedGolden.shared.adjust)
  func multipleTesting(_ golden: BinnedGolden.AdjustCase) {
    let bh = MultipleTesting.adjust(golden.p, method: .bh)
    let bonferroni = MultipleTesting.adjust(golden.p, method: .bonferroni)
    #expect(bh.count == golden.bh.count)
    for (actual, expected) in zip(bh, golden.bh) { expectPValue(actual, expected, "bh") }
    for (actual, expected) in zip(bonferroni, golden.bonferroni) {
      expectPValue(actual, expected, "bonferroni")
    }
    #expect(MultipleTesting.adjust(golden.p, method: .none) == golden.p)
  }
}
