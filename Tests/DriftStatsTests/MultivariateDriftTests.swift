import Foundation
import Testing

@testable import DriftStats

@Suite struct MultivariateDriftTests {
  /// Three numeric features and one categorical: `x` and `y` standard normal with correlation
  /// `rho`, `z` independent standard normal, `region` uniform over four labels.
  static func table(rows: Int, seed: UInt64, rho: Double) -> Table {
    var generator = SeededGenerator(seed: seed, stream: 99)
    func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
    func normal() -> Double {
      let u = 1 - uniform()
      return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform())
    }
    var x = [Double]()
    var y = [Double]()
    var z = [Double]()
    var codes = [Int32]()
    for _ in 0..<rows {
      let a = normal()
      x.append(a)
      y.append(rho * a + (1 - rho * rho).squareRoot() * normal())
      z.append(normal())
      codes.append(Int32(generator.index(below: 4)))
    }
    func numeric(_ name: String, _ values: [Double]) -> Column {
      Column(name: name, kind: .numeric, values: .numeric(NumericColumn(values: values)))
    }
    return Table(
      columns: [
        numeric("x", x), numeric("y", y), numeric("z", z),
        Column(
          name: "region", kind: .categorical,
          values: .categorical(CategoricalColumn(codes: codes, categories: ["n", "e", "s", "w"]))),
      ],
      rowCount: rows)
  }

  static let baseline = table(rows: 20_000, seed: 1, rho: 0.8)

  /// The planted flip: every marginal is unchanged, so no per-feature test fires, but the joint
  /// distribution moved: the classifier separates the sides and the reconstruction error leaves
  /// its band. x and y carry the change, so they carry most of the contribution.
  @Test func correlationFlipIsSeenOnlyByTheMultivariateMeasures() throws {
    let profile = try BaselineProfile(table: Self.baseline)
    let report = try Evaluator.evaluate(
      profile: profile, target: Self.table(rows: 5000, seed: 2, rho: -0.8),
      settings: DriftSettings())
    #expect(report.features.allSatisfy { !$0.drifted })
    let magnitude = try #require(report.dataset.magnitude)
    #expect(magnitude.magnitude > 40)
    #expect(magnitude.auc > 0.8)
    let reconstruction = try #require(report.dataset.reconstruction)
    #expect(reconstruction.drifted)
    #expect(reconstruction.error > reconstruction.upper)
    let contributions = report.features.map { $0.contribution ?? -1 }
    #expect(abs(contributions.reduce(0, +) - 100) < 1e-9)
    #expect(contributions[0] + contributions[1] > 80)
  }

  /// Two samples of one law: the held-out MCC of 1,500 rows a side has a standard deviation of
  /// about 1/sqrt(3000) = 0.018 under no drift, so a magnitude below 10 % (over 5 standard
  /// deviations) is a safe bound; the reconstruction error stays in its 3-sigma band. Components:
  /// x + y (variance 1.8) and the three directions of the region's one-hot columns (4/3 each)
  /// fall short of 65 % of the total 7; a fourth (z, 1) reaches it.
  @Test func identicalDistributionsGiveLowMagnitude() throws {
    let profile = try BaselineProfile(table: Self.baseline)
    let report = try Evaluator.evaluate(
      profile: profile, target: Self.table(rows: 5000, seed: 3, rho: 0.8),
      settings: DriftSettings())
    let magnitude = try #require(report.dataset.magnitude)
    #expect(magnitude.magnitude < 10)
    #expect(abs(magnitude.auc - 0.5) < 0.06)
    #expect(magnitude.baselineRows == 5000)
    let reconstruction = try #require(report.dataset.reconstruction)
    #expect(!reconstruction.drifted)
    #expect(reconstruction.components == 4)
  }

  /// A missing-value surge and an unseen category show in the contributions of their features.
  @Test func missingValuesAndUnseenCategoriesAreEncoded() throws {
    let profile = try BaselineProfile(table: Self.baseline)
    var target = Self.table(rows: 3000, seed: 4, rho: 0.8)
    guard case .numeric(var z) = target.columns[2].values,
      case .categorical(var region) = target.columns[3].values
    else { throw StatsError("unexpected columns") }
    for index in stride(from: 0, to: 3000, by: 3) { z.values[index] = .nan }
    region.categories.append("unseen")
    for index in stride(from: 1, to: 3000, by: 3) { region.codes[index] = 4 }
    target.columns[2].values = .numeric(z)
    target.columns[3].values = .categorical(region)
    let report = try Evaluator.evaluate(profile: profile, target: target, settings: DriftSettings())
    #expect(try #require(report.dataset.magnitude).magnitude > 50)
    let contributions = report.features.map { $0.contribution ?? -1 }
    #expect(contributions[2] > 20 && contributions[3] > 20)
  }

  /// Too few rows: nothing computed, with the reason; turned off: nothing computed, no reason.
  @Test func smallSidesAndDisabledSettingsGiveNil() throws {
    let profile = try BaselineProfile(table: Self.baseline)
    let small = try Evaluator.evaluate(
      profile: profile, target: Self.table(rows: 40, seed: 5, rho: 0.8), settings: DriftSettings())
    #expect(small.dataset.magnitude == nil && small.dataset.reconstruction == nil)
    #expect(small.dataset.multivariateNote?.contains("at least 50 rows") == true)
    #expect(small.features.allSatisfy { $0.contribution == nil })
    var off = DriftSettings()
    off.multivariate.enabled = false
    let offProfile = try BaselineProfile(table: Self.baseline, multivariate: off.multivariate)
    #expect(offProfile.multivariate == nil)
    let report = try Evaluator.evaluate(
      profile: offProfile, target: Self.table(rows: 500, seed: 5, rho: 0.8), settings: off)
    #expect(report.dataset.magnitude == nil && report.dataset.multivariateNote == nil)
  }

  /// Same data and seed: bit-identical numbers on every run and on 1 or 2 threads (and on every
  /// core); another seed gives other samples.
  @Test func resultsAreBitIdenticalAcrossRunsAndThreadCounts() throws {
    let target = Self.table(rows: 12_000, seed: 6, rho: -0.5)
    func run(threads: Int?, seed: UInt64 = 7) throws -> DriftReport {
      var settings = DriftSettings()
      settings.multivariate.threads = threads
      settings.multivariate.seed = seed
      let profile = try BaselineProfile(table: Self.baseline, multivariate: settings.multivariate)
      return try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    }
    let reference = try run(threads: 1)
    for threads in [1, 2, nil] as [Int?] {
      let again = try run(threads: threads)
      #expect(Self.bits(again) == Self.bits(reference))
    }
    #expect(Self.bits(try run(threads: 2, seed: 8)) != Self.bits(reference))
  }

  /// A profile decoded from its cache bytes gives the same multivariate numbers, bit for bit.
  @Test func decodedProfileGivesIdenticalResults() throws {
    let profile = try BaselineProfile(table: Self.baseline)
    let decoded = try BaselineProfile(encoded: profile.encoded())
    let target = Self.table(rows: 4000, seed: 9, rho: 0.2)
    let fresh = try Evaluator.evaluate(profile: profile, target: target, settings: DriftSettings())
    let cached = try Evaluator.evaluate(profile: decoded, target: target, settings: DriftSettings())
    #expect(fresh.dataset.magnitude != nil)
    #expect(Self.bits(fresh) == Self.bits(cached))
    #expect(decoded.multivariate?.sample == profile.multivariate?.sample)
  }

  /// Every multivariate number of a report as bit patterns.
  static func bits(_ report: DriftReport) -> [UInt64] {
    var values = [Double]()
    if let m = report.dataset.magnitude { values += [m.magnitude, m.auc, m.mcc] }
    if let r = report.dataset.reconstruction {
      values += [r.error, r.baselineMean, r.baselineStd, r.lower, r.upper]
    }
    values += report.features.map { $0.contribution ?? .nan }
    return values.map(\.bitPattern)
  }

  /// The generator's sample has no repeats and follows the seed.
  @Test func seededSamplesAreDistinctAndReproducible() {
    var first = SeededGenerator(seed: 42)
    var second = SeededGenerator(seed: 42)
    let a = first.sample(population: 1000, count: 300)
    #expect(a == second.sample(population: 1000, count: 300))
    #expect(Set(a).count == 300 && a.allSatisfy { (0..<1000).contains($0) })
    var other = SeededGenerator(seed: 42, stream: 1)
    #expect(other.sample(population: 1000, count: 300) != a)
  }

  /// The band: baseline mean plus or minus sigma standard errors of a difference of two means,
  /// sd(baseline) sqrt(1/n + 1/m), at every target size.
  @Test func reconstructionBandIsTheStandardErrorOfADifferenceOfMeans() {
    let baseline = (0..<100).map { Double($0 % 10) }
    let sd = (baseline.map { ($0 - 4.5) * ($0 - 4.5) }.reduce(0, +) / 99).squareRoot()
    let small = ReconstructionDrift.band(
      targetErrors: [4.5, 4.5, 4.5, 4.5, 4.5], baselineErrors: baseline, components: 1, sigma: 3)
    #expect(small.baselineMean == 4.5)
    #expect(abs(small.baselineStd - sd * (1.0 / 5 + 1.0 / 100).squareRoot()) < 1e-12)
    #expect(!small.drifted)
    // A target as large as the baseline: the baseline mean's own noise counts as much.
    let large = ReconstructionDrift.band(
      targetErrors: [Double](repeating: 5.5, count: 100), baselineErrors: baseline,
      components: 1, sigma: 3)
    #expect(abs(large.baselineStd - sd * (2.0 / 100).squareRoot()) < 1e-12)
    #expect(!large.drifted)
    let shifted = ReconstructionDrift.band(
      targetErrors: [Double](repeating: 9, count: 20), baselineErrors: baseline, components: 1,
      sigma: 3)
    #expect(abs(shifted.upper - (4.5 + 3 * sd * (1.0 / 20 + 1.0 / 100).squareRoot())) < 1e-12)
    #expect(shifted.drifted)
  }
}
