import Testing

@testable import DriftStats

@Suite struct EvaluatorTests {
  /// A table with one numeric and one categorical feature, drawn from a seeded generator.
  static func table(
    rows: Int, seed: UInt64, shift: Double = 0, newCategoryShare: Double = 0,
    missingShare: Double = 0
  )
    -> Table
  {
    var generator = SplitMix64(seed: seed)
    var numbers = [Double]()
    var latencies = [Double]()
    var codes = [Int32]()
    for _ in 0..<rows {
      // Sum of uniforms: a bell shape without needing a normal generator.
      let u = (0..<4).map { _ in Double(generator.next() % 1_000_000) / 1_000_000 }.reduce(0, +)
      let missing = Double(generator.next() % 1_000_000) / 1_000_000 < missingShare
      numbers.append(missing ? .nan : u + shift)
      latencies.append(Double(generator.next() % 1000) + shift * 100)
      let r = Double(generator.next() % 1_000_000) / 1_000_000
      codes.append(r < newCategoryShare ? 3 : Int32(generator.next() % 3))
    }
    return Table(
      columns: [
        Column(name: "score", kind: .numeric, values: .numeric(NumericColumn(values: numbers))),
        Column(name: "latency", kind: .numeric, values: .numeric(NumericColumn(values: latencies))),
        Column(
          name: "region", kind: .categorical,
          values: .categorical(CategoricalColumn(codes: codes, categories: ["a", "b", "c", "new"]))),
      ],
      rowCount: rows)
  }

  @Test func samePopulationDoesNotDrift() throws {
    let profile = try BaselineProfile(table: Self.table(rows: 5000, seed: 1))
    let report = try Evaluator.evaluate(
      profile: profile, target: Self.table(rows: 3000, seed: 2), settings: DriftSettings())
    #expect(report.dataset.driftedFeatures == 0)
    #expect(!report.dataset.drifted)
    for feature in report.features {
      #expect(feature.tests.map(\.test) == DriftSettings().tests(for: feature.kind))
      #expect(feature.tests.allSatisfy { $0.error == nil && $0.statistic != nil })
    }
  }

  @Test func plantedShiftsAreFound() throws {
    let profile = try BaselineProfile(table: Self.table(rows: 5000, seed: 1))
    let target = Self.table(
      rows: 3000, seed: 3, shift: 0.3, newCategoryShare: 0.25, missingShare: 0.1)
    let report = try Evaluator.evaluate(profile: profile, target: target, settings: DriftSettings())
    let score = try #require(report.features.first { $0.name == "score" })
    let region = try #require(report.features.first { $0.name == "region" })
    #expect(score.drifted && region.drifted)
    #expect(report.dataset.drifted)
    #expect(score.tests.first { $0.test == .missingRate }?.drifted == true)
    // A quarter of the target's regions were never seen in the baseline.
    #expect(abs(region.outsideBaselineShare - 0.25) < 0.03)
  }

  @Test func correctionRaisesPValuesAndMinimumEffectGatesThem() throws {
    let profile = try BaselineProfile(table: Self.table(rows: 20000, seed: 1))
    let target = Self.table(rows: 20000, seed: 4, shift: 0.04)
    var settings = DriftSettings(
      numericTests: [.ks], categoricalTests: [.chisquare], correction: .bonferroni)
    settings.testWeights = [:]  // plain Bonferroni (`test_weights: equal`)
    let corrected = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    // One family per comparison (issue #13): two ks p-values and one chi-square p-value.
    for feature in corrected.features {
      let test = try #require(feature.tests.first)
      let raw = try #require(test.pValue)
      #expect(try #require(test.adjustedPValue) == min(1, raw * 3))
    }
    let ks = try #require(corrected.features[0].tests.first)
    #expect(ks.drifted)  // a small shift on 20,000 rows is significant
    let effect = try #require(ks.effect)
    settings.minimumEffect = effect + 0.01
    let gated = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    #expect(!gated.features[0].tests[0].drifted)
  }

  @Test func featureThresholdOverridesTheDefault() throws {
    let profile = try BaselineProfile(table: Self.table(rows: 5000, seed: 1))
    let target = Self.table(rows: 3000, seed: 2)
    var settings = DriftSettings(numericTests: [.psi], categoricalTests: [.tvd])
    settings.featureThresholds["score"] = [.psi: Threshold(statistic: 0)]
    let report = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    #expect(report.features[0].tests[0].threshold == Threshold(statistic: 0))
    #expect(report.features[0].drifted)
    #expect(report.features[2].tests[0].threshold == Threshold.defaultThreshold(for: .tvd))
  }

  @Test func missingOrRetypedFeatureIsAnError() throws {
    let profile = try BaselineProfile(table: Self.table(rows: 100, seed: 1))
    var target = Self.table(rows: 100, seed: 2)
    target.columns.removeLast()
    #expect(throws: StatsError.self) {
      try Evaluator.evaluate(profile: profile, target: target, settings: DriftSettings())
    }
    var retyped = Self.table(rows: 100, seed: 2)
    retyped.columns[1].kind = .boolean
    #expect(throws: StatsError.self) {
      try Evaluator.evaluate(profile: profile, target: retyped, settings: DriftSettings())
    }
  }

  @Test func emptyTargetColumnReportsErrorsNotCrashes() throws {
    let profile = try BaselineProfile(table: Self.table(rows: 100, seed: 1))
    let target = Self.table(rows: 50, seed: 2, missingShare: 1)
    let report = try Evaluator.evaluate(profile: profile, target: target, settings: DriftSettings())
    let score = try #require(report.features.first { $0.name == "score" })
    #expect(score.tests.first { $0.test == .ks }?.error != nil)
    #expect(score.tests.first { $0.test == .missingRate }?.drifted == true)
  }

  @Test func resultsAreReproducible() throws {
    let profile = try BaselineProfile(table: Self.table(rows: 4000, seed: 1))
    let target = Self.table(rows: 4000, seed: 9, shift: 0.05)
    let settings = DriftSettings(
      numericTests: DriftTest.allCases, categoricalTests: DriftTest.allCases)
    let first = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    let second = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    #expect(first.features.map(\.tests) == second.features.map(\.tests))
  }
}

@Suite struct BaselineProfileEncodingTests {
  @Test func decodedProfileGivesIdenticalResults() throws {
    let table = EvaluatorTests.table(rows: 3000, seed: 5, missingShare: 0.05)
    let profile = try BaselineProfile(table: table)
    let decoded = try BaselineProfile(encoded: profile.encoded())
    #expect(decoded.rowCount == profile.rowCount)
    #expect(decoded.features.map(\.name) == profile.features.map(\.name))
    let target = EvaluatorTests.table(rows: 2000, seed: 6, shift: 0.1)
    let settings = DriftSettings(
      numericTests: DriftTest.allCases, categoricalTests: DriftTest.allCases)
    let fresh = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    let cached = try Evaluator.evaluate(profile: decoded, target: target, settings: settings)
    #expect(fresh.features.map(\.tests) == cached.features.map(\.tests))
    #expect(fresh.features.map(\.baseline) == cached.features.map(\.baseline))
  }

  @Test func damagedBytesAreAnErrorNotACrash() throws {
    let bytes = try BaselineProfile(table: EvaluatorTests.table(rows: 100, seed: 5)).encoded()
    for cut in [0, 3, 4, 12, bytes.count / 2, bytes.count - 1] {
      #expect(throws: StatsError.self) { try BaselineProfile(encoded: Array(bytes.prefix(cut))) }
    }
    var garbage = bytes
    garbage[20] ^= 0xFF
    _ = try? BaselineProfile(encoded: garbage)  // any outcome but a crash
  }
}
