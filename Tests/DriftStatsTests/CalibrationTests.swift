import Testing

@testable import DriftStats

@Suite struct CalibrationTests {
  /// The baseline of `scripts/golden/calibration_example.py`: 15 values, 5 chunks of 3 rows.
  static let exampleValues: [Double] = [3, 9, 14, 1, 8, 12, 5, 10, 15, 2, 7, 11, 4, 6, 13]

  static func numericTable(_ values: [Double], name: String = "x") -> Table {
    Table(
      columns: [
        Column(name: name, kind: .numeric, values: .numeric(NumericColumn(values: values)))
      ],
      rowCount: values.count)
  }

  static let exampleSettings = DriftSettings(
    numericTests: [.ks, .psi], calibration: CalibrationSettings(selection: .tests([.ks, .psi])))

  /// The calibrated profile of the example: 2 bins (edge 8, the median), chunks of 3 rows.
  static func exampleProfile() throws -> BaselineProfile {
    let table = numericTable(exampleValues)
    var profile = try BaselineProfile(table: table, binCount: 2)
    profile.calibration = BaselineCalibration(
      table: table, profile: profile, settings: exampleSettings, chunkRows: 3)
    return profile
  }

  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(abs(b), 1) }

  /// Chunk by chunk against the rest, worked by hand in scripts/golden/calibration_example.py:
  /// PSI on the bins (-inf, 8) and [8, inf): chunks 1-3 hold (1, 2) against rest (6, 6), giving
  /// (1/6) ln 2; chunks 4-5 hold (2, 1) against (5, 7), giving (1/4) ln 2.8. KS: chunk [3, 9, 14]
  /// has D = 1/4 (at 8: 7/12 of the rest against 1/3), every other chunk D = 1/3.
  /// Mean and sample std (ddof 1) of the five values; band mean + 3 std, one-sided.
  @Test func handComputedExample() throws {
    let profile = try Self.exampleProfile()
    let calibration = try #require(profile.calibration)
    #expect(calibration.chunkCount == 5 && calibration.chunkRows == 3 && calibration.problem == nil)
    let psi = try #require(calibration.entry(feature: "x", test: .psi))
    let a = 0.11552453009332421  // (1/6) ln 2
    let b = 0.2574048542952896  // (1/4) ln 2.8
    #expect(zip(psi.values, [a, a, a, b, b]).allSatisfy { Self.close($0, $1) })
    #expect(Self.close(psi.mean, 0.17227665977411039))
    #expect(Self.close(psi.standardDeviation, 0.07771105403156259))
    let psiBand = try #require(psi.band(sigma: 3))
    #expect(psiBand.lower == nil)
    #expect(Self.close(psiBand.upper, 0.40540982186879815))

    let ks = try #require(calibration.entry(feature: "x", test: .ks))
    #expect(
      zip(ks.values, [0.25, 1 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 3.0]).allSatisfy { Self.close($0, $1) })
    #expect(Self.close(ks.mean, 0.31666666666666665))
    #expect(Self.close(ks.standardDeviation, 0.037267799624996475))
    #expect(Self.close(try #require(ks.band(sigma: 3)).upper, 0.42847006554165606))
  }

  /// A window inside the bands (PSI 0.0746, KS 1/3) is quiet; one outside (PSI 4.98, KS 0.8)
  /// drifts, and each result carries the calibrated band as its threshold.
  @Test func exampleVerdicts() throws {
    let profile = try Self.exampleProfile()
    let quiet = try Evaluator.evaluate(
      profile: profile, target: Self.numericTable([1, 9, 10]), settings: Self.exampleSettings)
    let quietTests = try #require(quiet.features.first).tests
    #expect(quietTests.map(\.drifted) == [false, false])
    #expect(Self.close(try #require(quietTests[1].statistic), 0.07461543839138972))
    let upper = try #require(quietTests[1].threshold?.calibrated?.upper)
    #expect(Self.close(upper, 0.40540982186879815))
    #expect(quietTests[1].threshold?.summary == "cal>0.4054")
    #expect(quietTests[0].threshold?.pValue == nil)

    let shifted = try Evaluator.evaluate(
      profile: profile, target: Self.numericTable([1, 2, 3]), settings: Self.exampleSettings)
    let shiftedTests = try #require(shifted.features.first).tests
    #expect(shiftedTests.map(\.drifted) == [true, true])
    #expect(Self.close(try #require(shiftedTests[0].statistic), 0.8))
    #expect(Self.close(try #require(shiftedTests[1].statistic), 4.982540101282455))
  }

  /// A larger sigma widens the band without recomputing the chunk statistics.
  @Test func sigmaIsAppliedWhenDeciding() throws {
    let profile = try Self.exampleProfile()
    var settings = Self.exampleSettings
    settings.calibration.sigma = 1
    let report = try Evaluator.evaluate(
      profile: profile, target: Self.numericTable([1, 9, 10]), settings: settings)
    let ksBand = try #require(report.features.first?.tests.first?.threshold?.calibrated)
    #expect(Self.close(ksBand.upper, 0.31666666666666665 + 0.037267799624996475))
    // KS 1/3 lies inside mean + 1 std (0.3539): still quiet.
    #expect(report.features.first?.tests.first?.drifted == false)
  }

  /// Fewer than 5 whole chunks: no band, the fixed threshold decides, and the reason is given.
  @Test func tooFewChunksFallBackToTheFixedThreshold() throws {
    let table = Self.numericTable(Self.exampleValues)
    var profile = try BaselineProfile(table: table, binCount: 2)
    profile.calibration = BaselineCalibration(
      table: table, profile: profile, settings: Self.exampleSettings, chunkRows: 4)
    let calibration = try #require(profile.calibration)
    #expect(calibration.entries.isEmpty)
    #expect(calibration.problems.count == 1)
    #expect(calibration.problems[0].contains("make 3 chunks of 4 rows"))
    let report = try Evaluator.evaluate(
      profile: profile, target: Self.numericTable([1, 2, 3]), settings: Self.exampleSettings)
    let tests = try #require(report.features.first).tests
    #expect(tests[0].threshold == Threshold(pValue: 0.01))
    #expect(tests[1].threshold == Threshold.defaultThreshold(for: .psi))
  }

  /// Welch's t is signed: its band has a lower bound, and a window far below it drifts.
  @Test func welchTBandIsTwoSided() throws {
    var generator = SplitMix64(seed: 7)
    let values = (0..<600).map { _ in Double(generator.next() % 1000) / 100 }
    let table = Self.numericTable(values)
    let settings = DriftSettings(
      numericTests: [.welchT], calibration: CalibrationSettings(selection: .all))
    var profile = try BaselineProfile(table: table)
    profile.calibration = BaselineCalibration(
      table: table, profile: profile, settings: settings, chunkRows: 60)
    let band = try #require(profile.calibration?.entry(feature: "x", test: .welchT)?.band(sigma: 3))
    let lower = try #require(band.lower)
    #expect(lower < 0 && band.upper > 0)
    // The baseline is U(0, 10); a window of larger values has a negative t (baseline - target).
    let high = Self.numericTable((0..<60).map { 8 + Double($0) / 30 })
    let report = try Evaluator.evaluate(profile: profile, target: high, settings: settings)
    let result = try #require(report.features.first?.tests.first)
    #expect(try #require(result.statistic) < lower)
    #expect(result.drifted)
    #expect(result.threshold?.summary.hasPrefix("cal[") == true)
  }

  /// The profile cache keeps the chunk statistics bit for bit: decoded, it decides identically.
  @Test func encodingRoundTripKeepsVerdicts() throws {
    let baseline = EvaluatorTests.table(rows: 3000, seed: 11, missingShare: 0.05)
    let settings = DriftSettings(calibration: CalibrationSettings(selection: .all, chunkRows: 200))
    var profile = try BaselineProfile(table: baseline)
    profile.calibration = BaselineCalibration(
      table: baseline, profile: profile, settings: settings, chunkRows: 200)
    let decoded = try BaselineProfile(encoded: profile.encoded())
    #expect(decoded.calibration == profile.calibration)
    #expect(decoded.calibration?.problem == nil)
    for seed: UInt64 in [12, 13] {
      let target = EvaluatorTests.table(
        rows: 200, seed: seed, shift: seed == 13 ? 0.3 : 0, missingShare: 0.05)
      let fresh = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
      let cached = try Evaluator.evaluate(profile: decoded, target: target, settings: settings)
      #expect(fresh.features.map(\.tests) == cached.features.map(\.tests))
      #expect(fresh.features.allSatisfy { $0.tests.allSatisfy { $0.threshold?.calibrated != nil } })
    }
    // Without a calibration the encoding is exactly the one before calibrations existed.
    profile.calibration = nil
    let plain = profile.encoded()
    #expect(try BaselineProfile(encoded: plain).calibration == nil)
    #expect(
      !plain.indices.dropLast(3).contains { Array(plain[$0..<($0 + 4)]) == Array("CAL1".utf8) })
  }

  /// Same inputs, same chunk statistics, bit for bit, on one thread or on every core; more
  /// whole chunks than the cap are spread evenly.
  @Test func resultsDoNotDependOnThreads() throws {
    let baseline = EvaluatorTests.table(rows: 10_000, seed: 21, newCategoryShare: 0.01)
    var settings = DriftSettings(
      numericTests: [.ks, .psi, .wassersteinNorm, .energy, .anderson, .missingRate],
      categoricalTests: [.chisquare, .jensenshannon, .tvd, .missingRate],
      calibration: CalibrationSettings(selection: .all, maxChunks: 20))
    settings.calibration.chunkRows = 150
    let profile = try BaselineProfile(table: baseline)
    let parallel = BaselineCalibration(
      table: baseline, profile: profile, settings: settings, chunkRows: 150, parallel: true)
    let serial = BaselineCalibration(
      table: baseline, profile: profile, settings: settings, chunkRows: 150, parallel: false)
    #expect(parallel.chunkCount == 20)
    #expect(parallel.entries.count == 2 * 6 + 4)
    #expect(parallel.entries.allSatisfy { $0.problem == nil && $0.values.count == 20 })
    let bits = { (c: BaselineCalibration) in c.entries.map { $0.values.map(\.bitPattern) } }
    #expect(bits(parallel) == bits(serial))
  }

  /// A chunk statistic equals the test run directly on (rest, chunk) built by hand, for a
  /// categorical feature too.
  @Test func chunkStatisticIsTheTestOnChunkAgainstRest() throws {
    let baseline = EvaluatorTests.table(rows: 1000, seed: 31, missingShare: 0.1)
    let settings = DriftSettings(
      numericTests: [.ks, .missingRate], categoricalTests: [.chisquare, .psi],
      calibration: CalibrationSettings(selection: .all))
    let profile = try BaselineProfile(table: baseline)
    let calibration = BaselineCalibration(
      table: baseline, profile: profile, settings: settings, chunkRows: 100)
    #expect(calibration.chunkCount == 10)
    // Chunk 3 holds rows 300..<400.
    let rows = 300..<400
    guard case .categorical(let region) = try #require(baseline.column(named: "region")).values,
      case .numeric(let score) = try #require(baseline.column(named: "score")).values
    else { throw StatsError("unexpected column kinds") }
    let restCodes =
      Array(region.codes[..<rows.lowerBound]) + Array(region.codes[rows.upperBound...])
    let rest = CategoryCounts(
      column: CategoricalColumn(codes: restCodes, categories: region.categories))
    let chunk = CategoryCounts(
      column: CategoricalColumn(codes: Array(region.codes[rows]), categories: region.categories))
    let chi = try ContingencyTest.chiSquare(
      baseline: AlignedCategoryCounts(baseline: rest, target: chunk).baseline,
      target: AlignedCategoryCounts(baseline: rest, target: chunk).target)
    #expect(calibration.entry(feature: "region", test: .chisquare)?.values[3] == chi.statistic)
    let restScore = NumericSample(
      values: Array(score.values[..<rows.lowerBound]) + Array(score.values[rows.upperBound...]))
    let ks = try KolmogorovSmirnov.test(restScore, NumericSample(values: score.values[rows]))
    #expect(calibration.entry(feature: "score", test: .ks)?.values[3] == ks.statistic)
  }

  /// The most specific choice wins: per-feature entries, then per-feature fixed thresholds,
  /// then per-test entries, then `calibration.tests`; mannwhitney is never calibrated.
  @Test func resolutionOrder() {
    var settings = DriftSettings(calibration: CalibrationSettings(selection: .all, sigma: 3))
    settings.calibration.perTest[.psi] = CalibratedTest(enabled: true, sigma: 2)
    settings.calibration.perTest[.ks] = CalibratedTest(enabled: false)
    settings.calibration.perFeature["a"] = [.ks: CalibratedTest(enabled: true, sigma: 4)]
    settings.featureThresholds["b"] = [.psi: Threshold(statistic: 0.1)]
    #expect(settings.calibrationSigma(for: .psi, feature: "x") == 2)
    #expect(settings.calibrationSigma(for: .psi, feature: "b") == nil)
    #expect(settings.calibrationSigma(for: .ks, feature: "x") == nil)
    #expect(settings.calibrationSigma(for: .ks, feature: "a") == 4)
    #expect(settings.calibrationSigma(for: .missingRate, feature: "x") == 3)
    #expect(settings.calibrationSigma(for: .mannwhitney, feature: "x") == nil)
  }
}
