/// Runs the tests of one feature from its push-down aggregate: the push-down counterpart of
/// `FeatureEvaluation.run`.
enum PushdownEvaluation {
  /// The label that stands for the categories beyond the cap. PostgreSQL text cannot hold a NUL
  /// character, so no real category has this label.
  static let otherLabel = "\u{0}other"

  /// The tests whose statistic stays exact when the categories beyond the cap are one bucket: they
  /// sum a function of each category's target share that is linear when the baseline share is 0,
  /// as it is for every category beyond a cap that keeps all the baseline's categories.
  static let exactWithOtherBucket: Set<DriftTest> = [
    .tvd, .jensenshannon, .hellinger, .missingRate,
  ]

  /// Summaries and raw outcomes for one feature (no correction, no verdicts yet).
  static func run(
    _ profile: FeatureProfile, _ aggregate: FeatureAggregate, settings: DriftSettings,
    gridSize: Int
  ) throws(StatsError) -> FeatureResult {
    let tests = settings.tests(for: profile.kind)
    switch (profile.distribution, aggregate.values) {
    case (.numeric(let baseline), .numeric(let values)):
      return numeric(profile, baseline, values, tests, gridSize: gridSize)
    case (.categorical(let baseline), .categorical(let counts)):
      return categorical(profile, baseline, counts, tests)
    default:
      throw StatsError(
        "feature '\(profile.name)' is \(profile.kind.rawValue) in the baseline, but its "
          + "push-down aggregate is of the other kind")
    }
  }

  static func numeric(
    _ profile: FeatureProfile, _ baseline: NumericProfile, _ aggregate: NumericAggregate,
    _ tests: [DriftTest], gridSize: Int
  ) -> FeatureResult {
    switch aggregate.finite {
    case .distinct(let pairs):
      // Every value is known: the exact sorted sample, and the file path's code on it.
      var values = [Double]()
      values.reserveCapacity(pairs.reduce(0) { $0 + $1.count })
      for pair in pairs.sorted(by: { $0.value < $1.value }) {
        values.append(contentsOf: repeatElement(pair.value, count: pair.count))
      }
      let sample = NumericSample(
        presorted: values, missing: aggregate.missing, infinite: aggregate.infinite)
      var result = FeatureEvaluation.numeric(profile.name, profile.kind, baseline, sample, tests)
      for index in result.tests.indices { result.tests[index].exactness = .exact }
      return result
    case .cells(let cells) where cells.allSatisfy({ $0.min == $0.max }):
      // Each cell holds one distinct value: the cells are the window's exact values (integer
      // codes, counts, any feature whose values fall in cells of their own).
      let pairs = cells.filter { $0.count > 0 }.map {
        NumericAggregate.ValueCount(value: $0.min, count: $0.count)
      }
      let exact = NumericAggregate(
        missing: aggregate.missing, infinite: aggregate.infinite, finite: .distinct(pairs))
      return numeric(profile, baseline, exact, tests, gridSize: gridSize)
    case .cells(let cells):
      let edges = PushdownGrid.edges(for: baseline, size: gridSize)
      let target = BinnedTarget(
        cells: cells, edges: edges, bins: baseline.bins, missing: aggregate.missing,
        infinite: aggregate.infinite)
      return binnedNumeric(profile, baseline, target, tests, moments: aggregate.moments)
    }
  }

  /// A numeric feature whose window came back as grid counts.
  static func binnedNumeric(
    _ profile: FeatureProfile, _ baseline: NumericProfile, _ target: BinnedTarget,
    _ tests: [DriftTest], moments: NumericAggregate.Moments? = nil
  ) -> FeatureResult {
    // The binned distances and missing_rate use exact counts; the representative sample gives
    // the same decile counts, so the file path's code computes them unchanged. Tests with no
    // bound on a grid (and no exact route) are not run on the representative sample at all: their
    // results would be thrown away (fligner alone costs a merge of every deviation).
    let exactOnGrid: Set<DriftTest> = [
      .psi, .jensenshannon, .hellinger, .kl, .linf, .tvd, .missingRate,
    ]
    let bounds = tests.map { test -> Double? in
      exactOnGrid.contains(test) || test == .welchT
        ? nil : target.bound(test, baseline: baseline.sample)
    }
    let available = zip(tests, bounds).map { test, bound in
      exactOnGrid.contains(test) || (test == .welchT && moments != nil) || bound != nil
    }
    var result = FeatureEvaluation.numeric(
      profile.name, profile.kind, baseline, target.sample,
      zip(tests, available).filter(\.1).map(\.0))
    var computed = result.tests.makeIterator()
    result.tests = tests.indices.map { index -> TestResult in
      let test = tests[index]
      guard available[index], var tested = computed.next() else {
        return unavailable(
          test,
          "\(test.rawValue) is not available on a binned push-down window (the window has "
            + "more distinct values than the grid); use mode: pull, or a larger grid: so that "
            + "the window's distinct values fit")
      }
      if exactOnGrid.contains(test) {
        tested.exactness = .exact
      } else if let bound = bounds[index] {
        tested.exactness = .binned(bound: bound)
      } else {
        // Welch's t needs only each side's count, mean and variance: the window's come from
        // the database's sums around a shift, exact up to the rounding of those sums (added in
        // another order than the file path's, so the last bits may differ).
        tested = welch(baseline, moments, effect: tested.effect)
      }
      return tested
    }
    // Quartiles and spread of the representative sample are not the window's: leave them out;
    // the smallest and largest values are the cells'.
    if case .numeric(var summary) = result.target {
      summary.min = target.range?.low
      summary.max = target.range?.high
      summary.std = nil
      summary.p25 = nil
      summary.p50 = nil
      summary.p75 = nil
      result.target = .numeric(summary)
    }
    return result
  }

  /// Welch's t from the window's moments; its exactness is `exact`.
  static func welch(
    _ baseline: NumericProfile, _ moments: NumericAggregate.Moments?, effect: Double?
  ) -> TestResult {
    var result = FeatureEvaluation.outcome(.welchT, effect: effect) { () throws(StatsError) in
      let base = baseline.moments.map { ($0.count, $0.mean, $0.squaredDeviations) } ?? (0, 0, 0)
      let target = moments ?? .init(count: 0, shift: 0, deviations: 0, squares: 0)
      return try WelchT.test(
        baseline: base,
        target: (target.count, target.mean ?? 0, target.squaredDeviations))
    }
    if result.error == nil { result.exactness = .exact }
    return result
  }

  static func categorical(
    _ profile: FeatureProfile, _ baseline: CategoryCounts, _ aggregate: CategoryAggregate,
    _ tests: [DriftTest]
  ) -> FeatureResult {
    // Baseline categories first, in the baseline's order; then the others by label (a table has
    // no order of first appearance).
    let known = Set(baseline.labels)
    var pairs = zip(aggregate.labels, aggregate.counts).map { (label: $0, count: $1) }
    let position = Dictionary(
      baseline.labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    pairs.sort { left, right in
      switch (position[left.label], position[right.label]) {
      case (let l?, let r?): return l < r
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return left.label < right.label
      }
    }
    var labels = pairs.map(\.label)
    var counts = pairs.map(\.count)
    if aggregate.other > 0 {
      labels.append(otherLabel)
      counts.append(aggregate.other)
    }
    let target = CategoryCounts(labels: labels, counts: counts, missing: aggregate.missing)
    var result = FeatureEvaluation.categorical(
      profile.name, profile.kind, baseline, target, tests)
    // The other bucket keeps tvd, jensenshannon and hellinger exact only when it holds no
    // baseline category, i.e. every baseline category seen in the window was counted.
    // The database sorts baseline categories first, so one counted category that is not the
    // baseline's shows that every baseline category in the window was counted.
    let keptAllBaseline =
      aggregate.labels.contains { !known.contains($0) }
      || known.isSubset(of: Set(aggregate.labels))
    for index in result.tests.indices {
      let test = result.tests[index].test
      if aggregate.other == 0
        || (exactWithOtherBucket.contains(test) && keptAllBaseline)
      {
        result.tests[index].exactness = .exact
      } else if test == .missingRate {
        result.tests[index].exactness = .exact
      } else {
        result.tests[index] = unavailable(
          test,
          "\(test.rawValue) is not available: the window has more categories than "
            + "max_categories; raise max_categories or use mode: pull")
      }
    }
    return result
  }

  /// A result that carries why the test could not be computed.
  static func unavailable(_ test: DriftTest, _ message: String) -> TestResult {
    TestResult(
      test: test, statistic: nil, pValue: nil, adjustedPValue: nil, threshold: nil, effect: nil,
      drifted: false, error: message)
  }
}
