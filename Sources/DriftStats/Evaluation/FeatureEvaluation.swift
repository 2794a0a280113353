/// Runs the tests of one feature: the per-feature part of ``Evaluator``.
enum FeatureEvaluation {
  /// Computes summaries and raw test outcomes for one feature (no correction, no verdicts yet),
  /// taking the input's numeric values over: they are sorted in their own array (no second
  /// array of the column's size when the input held the only reference; a shared array is
  /// copied on write), and the input's column is left without them.
  /// `scores`: the `fligner` score tables the evaluation's features share (nil: none).
  static func run(
    taking input: inout FeatureInput, settings: DriftSettings,
    scores: FlignerScoreCache? = nil
  ) -> FeatureResult {
    let profile = input.profile
    let tests = settings.tests(for: profile.kind)
    if case .numeric(let baseline) = profile.distribution,
      let values = input.column.takeNumericValues()
    {
      return numeric(
        profile.name, profile.kind, baseline, NumericSample(taking: consume values), tests,
        scores: scores)
    }
    guard case .categorical(let baseline) = profile.distribution,
      case .categorical(let values) = input.column.values
    else {
      // Evaluator.evaluate checks kinds before calling, and kinds fix the storage.
      preconditionFailure("feature '\(profile.name)': storage does not match its kind")
    }
    return categorical(profile.name, profile.kind, baseline, CategoryCounts(column: values), tests)
  }

  static func numeric(
    _ name: String, _ kind: ColumnKind, _ baseline: NumericProfile, _ target: NumericSample,
    _ tests: [DriftTest], scores: FlignerScoreCache? = nil
  ) -> FeatureResult {
    let base = baseline.sample
    let targetBins = baseline.bins?.counts(target)
    // The effect size gated by the minimum effect: the Kolmogorov-Smirnov distance D, for the
    // other hypothesis tests (the ks test's own statistic is D).
    let needsDistance = tests.contains { $0.hasPValue && $0 != .ks && $0 != .missingRate }
    // The merge that finds the largest gap serves both the effect size and the ks test (and
    // through it wasserstein_norm's and energy's p-values): it runs once per feature.
    let needsKS = tests.contains { $0 == .ks || $0 == .wassersteinNorm || $0 == .energy }
    let gap =
      ((needsDistance || needsKS) && base.count > 0 && target.count > 0)
      ? KolmogorovSmirnov.largestGap(base.sorted, target.sorted) : nil
    let effect =
      needsDistance ? gap.map { KolmogorovSmirnov.distance($0, base.count, target.count) } : nil
    // The window's moments serve its summary and welch_t; the baseline's are the profile's.
    let targetMoments = target.count > 0 ? SampleMoments(target.sorted) : nil
    var shared = SharedOutcomes()
    shared.ksGap = gap
    let results = tests.map { test -> TestResult in
      outcome(test, effect: test == .missingRate || test == .ks ? nil : effect) {
        () throws(StatsError) in
        try numericOutcome(
          test, baseline.sample, baseline.binCounts, target, targetBins, shared: &shared,
          moments: (baseline.moments, targetMoments), scores: scores)
      }
    }
    let outside =
      (try? NumericSummary.shareOutsideBaselineRange(baseline: base, target: target)) ?? 0
    return FeatureResult(
      name: name, kind: kind,
      baseline: .numeric(baseline.summary),
      target: .numeric(NumericSummary(sample: target, moments: targetMoments)),
      outsideBaselineShare: outside, tests: results,
      distribution: baseline.bins.flatMap { bins in
        targetBins.map {
          BinnedDistribution.numeric(
            bins: bins, baseline: baseline.binCounts, target: $0,
            baselineMissing: base.missing + base.infinite,
            targetMissing: target.missing + target.infinite)
        }
      })
  }

  /// One test on a numeric feature: `base` against `target`, binned distances on `baseBins`
  /// against `targetBins` (counts in the same bins; `nil` when there are no bins). `shared` holds
  /// what the other tests of the same pair already computed; `moments` the sides' moments when
  /// the caller has them (else `welch_t` computes them); `scores` the `fligner` score tables
  /// shared by the evaluation's features (nil: every score computed; the same bits either way).
  static func numericOutcome(
    _ test: DriftTest, _ base: NumericSample, _ baseBins: [Int], _ target: NumericSample,
    _ targetBins: [Int]?, shared: inout SharedOutcomes,
    moments: (base: SampleMoments?, target: SampleMoments?) = (nil, nil),
    scores: FlignerScoreCache? = nil
  ) throws(StatsError) -> TestOutcome {
    let ks = { (shared: inout SharedOutcomes) throws(StatsError) -> TestOutcome in
      let gap = shared.ksGap
      return try shared.ks { () throws(StatsError) in
        try KolmogorovSmirnov.test(base, target, gap: gap)
      }
    }
    switch test {
    case .ks: return try ks(&shared)
    case .anderson: return try AndersonDarlingKSample.test(base, target)
    case .cvm: return try CramerVonMises.test(base, target)
    case .mannwhitney: return try MannWhitneyU.test(base, target)
    case .welchT: return try WelchT.test(base, target, known: moments.base, moments.target)
    case .fligner: return try FlignerKilleen.test(base, target, cache: scores)
    case .wasserstein: return TestOutcome(statistic: try Wasserstein.distance(base, target))
    case .wassersteinNorm:
      return TestOutcome(
        statistic: try Wasserstein.normalized(base, target), pValue: try ks(&shared).pValue)
    case .energy:
      return TestOutcome(
        statistic: try EnergyDistance.distance(base, target), pValue: try ks(&shared).pValue)
    case .missingRate:
      return try MissingRate.testSparseSafe(
        baselineMissing: base.missing, baselineCount: base.count + base.missing + base.infinite,
        targetMissing: target.missing, targetCount: target.count + target.missing + target.infinite)
    default:
      guard let targetBins else {
        throw StatsError("the baseline has no finite values to cut bins from")
      }
      return try binned(test, baseBins, targetBins, shared: &shared)
    }
  }

  static func categorical(
    _ name: String, _ kind: ColumnKind, _ baseline: CategoryCounts, _ target: CategoryCounts,
    _ tests: [DriftTest]
  ) -> FeatureResult {
    let aligned = AlignedCategoryCounts(baseline: baseline, target: target)
    let effect: Double? =
      (baseline.present > 0 && target.present > 0)
      ? try? DistributionDistance.tvd(baseline: aligned.baseline, target: aligned.target) : nil
    var shared = SharedOutcomes()
    let results = tests.map { test -> TestResult in
      outcome(test, effect: test == .missingRate ? nil : effect) { () throws(StatsError) in
        try categoricalOutcome(test, baseline, target, aligned, shared: &shared)
      }
    }
    let unseenShare =
      target.present == 0 ? 0 : Double(aligned.unseenInBaseline) / Double(target.present)
    return FeatureResult(
      name: name, kind: kind,
      baseline: .categorical(CategoricalSummary(counts: baseline)),
      target: .categorical(CategoricalSummary(counts: target)),
      outsideBaselineShare: unseenShare, tests: results,
      distribution: BinnedDistribution.categorical(baseline: baseline, target: target))
  }

  /// One test on a categorical feature; `aligned` holds both sides' counts on shared labels,
  /// `shared` what the other tests of the same pair already computed.
  static func categoricalOutcome(
    _ test: DriftTest, _ baseline: CategoryCounts, _ target: CategoryCounts,
    _ aligned: AlignedCategoryCounts, shared: inout SharedOutcomes
  ) throws(StatsError) -> TestOutcome {
    switch test {
    case .chisquare:
      try shared.chiSquare { () throws(StatsError) in
        try pooled(aligned.baseline, aligned.target, ContingencyTest.chiSquare, categories: true)
      }
    case .gtest:
      try pooled(aligned.baseline, aligned.target, ContingencyTest.gTest, categories: true)
    case .frequencyOrder:
      // With two categories the frequency order is the chi-square's one degree of freedom: the
      // test reports the pooled chi-square's outcome, which the family counts once.
      FrequencyOrderTest.categoriesPresent(baseline: aligned.baseline, target: aligned.target) <= 2
        ? try shared.chiSquare { () throws(StatsError) in
          try pooled(aligned.baseline, aligned.target, ContingencyTest.chiSquare, categories: true)
        }
        : try FrequencyOrderTest.test(baseline: aligned.baseline, target: aligned.target)
    case .missingRate:
      try MissingRate.testSparseSafe(
        baselineMissing: baseline.missing, baselineCount: baseline.total,
        targetMissing: target.missing, targetCount: target.total)
    default:
      try binned(test, aligned.baseline, aligned.target, categories: true, shared: &shared)
    }
  }

  /// The distances computed on bin or category counts.
  ///
  /// `categories` tells category counts (where the target may hold categories the baseline never
  /// had) from numeric bins (which cover every value). The noise check is the pooled chi-square
  /// of the same counts, kept in `shared` for the feature's other tests.
  static func binned(
    _ test: DriftTest, _ baseline: [Int], _ target: [Int], categories: Bool = false,
    shared: inout SharedOutcomes
  ) throws(StatsError) -> TestOutcome {
    let value: Double
    switch test {
    case .psi: value = try DistributionDistance.psi(baseline: baseline, target: target)
    case .jensenshannon:
      value = try DistributionDistance.jensenShannon(baseline: baseline, target: target)
    case .hellinger: value = try DistributionDistance.hellinger(baseline: baseline, target: target)
    case .kl: value = try DistributionDistance.kl(baseline: baseline, target: target)
    case .linf: value = try DistributionDistance.linf(baseline: baseline, target: target)
    case .tvd: value = try DistributionDistance.tvd(baseline: baseline, target: target)
    default: throw StatsError("\(test.rawValue) is not a binned distance")
    }
    // How far sampling noise alone carries the distance: the chi-square test of the same counts,
    // with rare categories pooled so that its p-value holds on sparse tables.
    let noise = try shared.chiSquare { () throws(StatsError) in
      try pooled(baseline, target, ContingencyTest.chiSquare, categories: categories)
    }
    return TestOutcome(statistic: value, pValue: noise.pValue)
  }

  /// A homogeneity test on the counts after ``RareCategoryPooling``; on category counts, with the
  /// ``UnseenCategoryTest`` folded into its p-value.
  static func pooled(
    _ baseline: [Int], _ target: [Int],
    _ test: (_ baseline: [Int], _ target: [Int]) throws(StatsError) -> TestOutcome,
    categories: Bool
  ) throws(StatsError) -> TestOutcome {
    let cells = RareCategoryPooling.pool(
      baseline: baseline, target: target, inOrder: !categories)
    let outcome = try test(cells.baseline, cells.target)
    return categories
      ? UnseenCategoryTest.combined(outcome, baseline: baseline, target: target) : outcome
  }

  /// Runs one test, turning a failure into a result that carries the error.
  static func outcome(
    _ test: DriftTest, effect: Double?, _ compute: () throws(StatsError) -> TestOutcome
  ) -> TestResult {
    do {
      let outcome = try compute()
      return TestResult(
        test: test, statistic: outcome.statistic, pValue: outcome.pValue,
        adjustedPValue: outcome.pValue,
        threshold: nil, effect: test.hasPValue ? (effect ?? outcome.statistic) : nil,
        drifted: false,
        error: nil)
    } catch {
      return TestResult(
        test: test, statistic: nil, pValue: nil, adjustedPValue: nil, threshold: nil, effect: nil,
        drifted: false, error: error.message)
    }
  }
}
