import Testing

@testable import DriftStats

@Suite struct PushdownEvaluationTests {
  static let numericTests: [DriftTest] = [
    .ks, .anderson, .cvm, .mannwhitney, .welchT, .wasserstein, .wassersteinNorm, .energy, .psi,
    .jensenshannon, .hellinger, .kl, .missingRate,
  ]
  static let categoricalTests: [DriftTest] = [
    .chisquare, .gtest, .psi, .jensenshannon, .hellinger, .kl, .linf, .tvd, .missingRate,
  ]
  static let settings = DriftSettings(
    numericTests: numericTests, categoricalTests: categoricalTests,
    multivariate: MultivariateSettings(enabled: false))

  static func uniform(_ generator: inout SeededGenerator) -> Double {
    Double(generator.next() >> 11) / Double(1 << 53)
  }

  static func numericColumn(_ name: String, _ values: [Double]) -> Column {
    Column(name: name, kind: .numeric, values: .numeric(NumericColumn(values: values)))
  }

  /// Both paths on one numeric feature: the file path's report and the push-down one.
  static func both(
    baseline: [Double], target: [Double], gridSize: Int, settings: DriftSettings = settings
  ) throws -> (file: FeatureResult, pushdown: FeatureResult) {
    let profile = try BaselineProfile(
      table: Table(columns: [numericColumn("x", baseline)], rowCount: baseline.count),
      multivariate: MultivariateSettings(enabled: false))
    guard case .numeric(let numeric) = profile.features[0].distribution else {
      throw StatsError("not numeric")
    }
    let file = try Evaluator.evaluate(
      profile: profile,
      target: Table(columns: [numericColumn("x", target)], rowCount: target.count),
      settings: settings)
    let aggregate = PushdownAggregation.numeric(target, profile: numeric, gridSize: gridSize)
    let pushed = try Evaluator.evaluate(
      profile: profile, aggregates: [FeatureAggregate(name: "x", values: .numeric(aggregate))],
      targetRows: target.count, settings: settings, gridSize: gridSize)
    return (file.features[0], pushed.features[0])
  }

  @Test func fewDistinctValuesAreExactBitForBit() throws {
    var generator = SeededGenerator(seed: 7)
    let baseline = (0..<3_000).map { _ in (Self.uniform(&generator) * 40).rounded() }
    var target = (0..<2_500).map { _ in (Self.uniform(&generator) * 45).rounded() + 1 }
    target += [.nan, .infinity, -.infinity, .nan]
    let (file, pushed) = try Self.both(baseline: baseline, target: target, gridSize: 100)
    #expect(pushed.tests.count == Self.numericTests.count)
    for (a, b) in zip(file.tests, pushed.tests) {
      #expect(a.test == b.test)
      #expect(b.exactness == .exact)
      #expect(a.error == nil && b.error == nil)
      #expect(a.statistic?.bitPattern == b.statistic?.bitPattern, "\(a.test)")
      #expect(a.pValue?.bitPattern == b.pValue?.bitPattern, "\(a.test)")
      #expect(a.adjustedPValue?.bitPattern == b.adjustedPValue?.bitPattern, "\(a.test)")
      #expect(a.drifted == b.drifted)
    }
    #expect(file.target == pushed.target)
    #expect(file.distribution == pushed.distribution)
    #expect(file.tests.allSatisfy { $0.exactness == nil })
  }

  @Test func binnedWindowKeepsDecileTestsExactAndBoundsTheOthers() throws {
    var generator = SeededGenerator(seed: 11)
    let baseline = (0..<4_000).map { _ in Self.uniform(&generator) * 10 }
    var target = (0..<3_000).map { _ in Self.uniform(&generator) * 11 - 0.5 }
    target += [.nan, .infinity]
    let (file, pushed) = try Self.both(baseline: baseline, target: target, gridSize: 200)
    for (a, b) in zip(file.tests, pushed.tests) {
      switch a.test {
      case .psi, .jensenshannon, .hellinger, .kl, .missingRate:
        #expect(b.exactness == .exact)
        #expect(a.statistic?.bitPattern == b.statistic?.bitPattern, "\(a.test)")
        #expect(a.pValue?.bitPattern == b.pValue?.bitPattern, "\(a.test)")
      case .welchT:
        // No moments in this aggregate, so Welch's t has nothing to come from.
        #expect(b.statistic == nil)
        #expect(b.error?.contains("not available on a binned push-down window") == true)
      default:
        let bound = try #require(b.exactness?.bound, "\(a.test)")
        let exact = try #require(a.statistic)
        let binned = try #require(b.statistic)
        #expect(abs(binned - exact) <= Self.slack(bound, exact), "\(a.test)")
        #expect(b.pValue != nil || !a.test.hasPValue)
      }
    }
    guard case .numeric(let summary) = pushed.target, case .numeric(let exact) = file.target else {
      Issue.record("numeric summaries expected")
      return
    }
    #expect(summary.count == exact.count && summary.missing == 1 && summary.infinite == 1)
    #expect(summary.min == exact.min && summary.max == exact.max)
    #expect(summary.p50 == nil && summary.std == nil)
    #expect(file.distribution == pushed.distribution)
  }

  /// The bound plus the rounding of two floating-point computations of the statistic.
  static func slack(_ bound: Double, _ exact: Double) -> Double {
    bound * (1 + 1e-9) + 1e-9 * max(abs(exact), 1e-300)
  }

  /// The tests with a binned bound, alone (the others cost time and are checked above).
  static let boundedSettings = DriftSettings(
    numericTests: [.ks, .anderson, .cvm, .mannwhitney, .wasserstein, .wassersteinNorm, .energy],
    multivariate: MultivariateSettings(enabled: false))

  /// |binned - exact| <= bound on thousands of seeded windows of several shapes: shifted,
  /// scaled, heavy-tailed, with ties, small and coarse grids.
  @Test func boundsHoldOnRandomWindows() throws {
    var generator = SeededGenerator(seed: 2026)
    var checked = 0
    var largestRatio = 0.0
    for case_ in 0..<2_000 {
      let n = 20 + Int(generator.next() % 300)
      let m = 20 + Int(generator.next() % 300)
      let grid = 2 + Int(generator.next() % 40)
      let shift = Self.uniform(&generator) - 0.5
      let scale = 0.5 + Self.uniform(&generator)
      let shape = case_ % 4
      func draw(_ g: inout SeededGenerator, _ s: Double, _ k: Double) -> Double {
        let u = Self.uniform(&g)
        switch shape {
        case 0: return u * k + s
        case 1: return (u - 0.5) / max(1 - u, 1e-3) * k + s  // heavy right tail
        case 2: return (u * 20).rounded() / 4 * k + s  // ties
        default: return (u + Self.uniform(&g) + Self.uniform(&g)) * k + s
        }
      }
      let baseline = (0..<n).map { _ in draw(&generator, 0, 1) }
      let target = (0..<m).map { _ in draw(&generator, shift, scale) }
      let (file, pushed) = try Self.both(
        baseline: baseline, target: target, gridSize: grid, settings: Self.boundedSettings)
      for (a, b) in zip(file.tests, pushed.tests) {
        guard case .binned(let bound) = b.exactness else { continue }
        let exact = try #require(a.statistic)
        let binned = try #require(b.statistic)
        #expect(abs(binned - exact) <= Self.slack(bound, exact), "case \(case_) \(a.test)")
        if bound > 0 { largestRatio = max(largestRatio, abs(binned - exact) / bound) }
        checked += 1
      }
    }
    #expect(checked > 7_000)
    // The bounds are not vacuous: some case comes close to its bound.
    #expect(largestRatio > 0.3)
  }

  static func categoricalTable(_ labels: [String], _ rows: [Int]) -> Table {
    let codes = rows.map { Int32($0) }
    let column = CategoricalColumn(codes: codes, categories: labels)
    return Table(
      columns: [Column(name: "c", kind: .categorical, values: .categorical(column))],
      rowCount: rows.count)
  }

  static func categoricalBoth(cap: Int) throws -> (FeatureResult, FeatureResult) {
    var generator = SeededGenerator(seed: 5)
    let baselineLabels = ["a", "b", "c", "d"]
    let baseline = Self.categoricalTable(
      baselineLabels, (0..<2_000).map { _ in Int(generator.next() % 4) })
    // The target: the baseline's categories, 12 unseen ones (listed in label order), and missing.
    let targetLabels = baselineLabels + (0..<12).map { "n\($0 < 10 ? "0" : "")\($0)" }
    let rows = (0..<1_500).map { _ -> Int in
      let r = Int(generator.next() % 100)
      return r < 80 ? r % 4 : r < 97 ? 4 + r % 12 : -1
    }
    let target = Self.categoricalTable(targetLabels, rows)
    let profile = try BaselineProfile(
      table: baseline, multivariate: MultivariateSettings(enabled: false))
    let file = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    guard case .categorical(let counts) = profile.features[0].distribution,
      case .categorical(let column) = target.columns[0].values
    else { throw StatsError("not categorical") }
    let aggregate = PushdownAggregation.categorical(column, baseline: counts, cap: cap)
    let pushed = try Evaluator.evaluate(
      profile: profile, aggregates: [FeatureAggregate(name: "c", values: .categorical(aggregate))],
      targetRows: rows.count, settings: settings)
    return (file.features[0], pushed.features[0])
  }

  @Test func categoriesUnderTheCapAreExactBitForBit() throws {
    let (file, pushed) = try Self.categoricalBoth(cap: 100)
    for (a, b) in zip(file.tests, pushed.tests) {
      #expect(b.exactness == .exact)
      #expect(a.statistic?.bitPattern == b.statistic?.bitPattern, "\(a.test)")
      #expect(a.pValue?.bitPattern == b.pValue?.bitPattern, "\(a.test)")
    }
    #expect(file.target == pushed.target)
  }

  @Test func categoriesOverTheCapKeepTheLinearDistancesExact() throws {
    let (file, pushed) = try Self.categoricalBoth(cap: 6)
    for (a, b) in zip(file.tests, pushed.tests) {
      switch a.test {
      case .tvd, .jensenshannon, .hellinger, .missingRate:
        #expect(b.exactness == .exact)
        let exact = try #require(a.statistic)
        let binned = try #require(b.statistic)
        // Exact in value; merging categories changes only the order of the sum.
        #expect(abs(exact - binned) <= 1e-12, "\(a.test)")
      default:
        #expect(b.statistic == nil)
        #expect(b.error?.contains("max_categories") == true, "\(a.test)")
      }
    }
  }

  @Test func emptyWindowReportsErrorsNotCrashes() throws {
    let (file, pushed) = try Self.both(baseline: [1, 2, 3, 4, 5], target: [.nan], gridSize: 4)
    for (a, b) in zip(file.tests, pushed.tests) {
      #expect((a.error == nil) == (b.error == nil), "\(a.test)")
      #expect(a.statistic?.bitPattern == b.statistic?.bitPattern, "\(a.test)")
    }
  }
}
