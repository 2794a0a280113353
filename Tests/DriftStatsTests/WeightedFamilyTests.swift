import Foundation
import Testing

@testable import DriftStats

/// The weighted window family (`test_weights`): weighted Benjamini-Hochberg and Bonferroni
/// against scripts/golden/weighted_bh.py (exact rational arithmetic and scipy), and the
/// evaluator's members and weights.
@Suite struct WeightedFamilyTests {
  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    var note: String
    var pvalues: [Double]
    var weights: [Double]
    var bh: [Double]
    var bonferroni: [Double]
    var testDescription: String { note }
  }

  struct File: Decodable { var cases: [Case] }
  static let cases = GoldenFile.load(File.self, "weighted_bh").cases

  @Test(arguments: cases)
  func matchesTheReference(_ golden: Case) {
    for (method, expected) in [
      (MultipleTesting.Correction.bh, golden.bh), (.bonferroni, golden.bonferroni),
    ] {
      let adjusted = MultipleTesting.adjust(golden.pvalues, weights: golden.weights, method: method)
      for (value, reference) in zip(adjusted, expected) {
        #expect(
          abs(value - reference) <= 1e-12 * reference, "\(method): \(value) against \(reference)")
      }
    }
  }

  @Test func equalOrMissingWeightsGiveTheUnweightedCorrection() {
    var generator = SplitMix64(seed: 11)
    for _ in 0..<200 {
      let count = Int(generator.next() % 40) + 1
      let ps = (0..<count).map { _ in pow(10, -Double(generator.next() % 8000) / 1000) }
      for method in MultipleTesting.Correction.allCases {
        let plain = MultipleTesting.adjust(ps, method: method)
        #expect(MultipleTesting.adjust(ps, weights: nil, method: method) == plain)
        let equal = [Double](repeating: 2.5, count: count)
        #expect(MultipleTesting.adjust(ps, weights: equal, method: method) == plain)
      }
    }
    // Weights are renormalised: scaling them all changes nothing.
    let ps = [0.001, 0.02, 0.3]
    #expect(
      MultipleTesting.adjust(ps, weights: [1, 2, 3], method: .bh)
        == MultipleTesting.adjust(ps, weights: [2, 4, 6], method: .bh))
    // `none` ignores weights; a weight that is not positive and finite reads as 1.
    #expect(MultipleTesting.adjust(ps, weights: [9, 1, 1], method: .none) == ps)
    #expect(
      MultipleTesting.adjust(ps, weights: [0, .nan, -1], method: .bh)
        == MultipleTesting.adjust(ps, method: .bh))
  }

  /// Under the global null the weighted family rejects anything with probability at most the
  /// level (weighted Simes; independent uniform p-values, 33 members with the study's kind of
  /// weights): 20,000 seeded families, level 0.05 so the count is large enough to resolve.
  @Test func keepsItsLevelUnderTheGlobalNull() {
    var generator = SplitMix64(seed: 5)
    let weights = (0..<33).map { [2.0, 0.5, 0.5, 0.2, 1.0, 1.4][$0 % 6] }
    var rejected = 0
    let families = 20_000
    for _ in 0..<families {
      let ps = (0..<33).map { _ in (Double(generator.next() >> 11) + 0.5) / 9_007_199_254_740_992 }
      if MultipleTesting.adjust(ps, weights: weights, method: .bh).contains(where: { $0 < 0.05 }) {
        rejected += 1
      }
    }
    // Nominal 1,000 of 20,000; the binomial's sd is about 31.
    #expect(rejected <= 1_100, "\(rejected) of \(families)")
    #expect(rejected >= 880, "\(rejected) of \(families): the weights should not make it strict")
  }

  /// Two numeric features, one shifted: each member weighs as its test's weight, the family is
  /// corrected by weighted BH over the report's own raw p-values; a heavier `welch_t` lowers its
  /// corrected p-value and the others' rise.
  @Test func evaluatorWeighsEachMemberByItsTest() throws {
    let baseline = FeatureFamilyTests.table(rows: 4000, seed: 1, shift: 0)
    let target = FeatureFamilyTests.table(rows: 400, seed: 2, shift: 0.25)
    let profile = try BaselineProfile(table: baseline)
    let tests: [DriftTest] = [.ks, .welchT, .fligner, .psi, .missingRate]
    var settings = DriftSettings(numericTests: tests)
    let weights: [DriftTest: Double] = [.welchT: 3, .ks: 0.5, .fligner: 0.5, .psi: 0.25]
    settings.testWeights = weights
    let report = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    // With an empty table (`test_weights: equal`) every member weighs 1; the default is the
    // measured table.
    var plainSettings = DriftSettings(numericTests: [.ks, .welchT, .fligner, .psi])
    plainSettings.testWeights = [:]
    #expect(DriftSettings().testWeights == DriftSettings.defaultTestWeights)
    let plain = try Evaluator.evaluate(profile: profile, target: target, settings: plainSettings)
    var ps = [Double]()
    var ws = [Double]()
    for feature in report.features {
      for result in feature.tests where result.test != .missingRate {
        ps.append(try #require(result.pValue))
        ws.append(weights[result.test] ?? 1)
      }
    }
    #expect(ps.count == 8)
    let expected = MultipleTesting.adjust(ps, weights: ws, method: .bh)
    var next = 0
    for feature in report.features {
      for result in feature.tests where result.test != .missingRate {
        #expect(result.adjustedPValue == expected[next])
        next += 1
      }
    }
    let welch = try #require(report.features[1].tests.first { $0.test == .welchT })
    let plainWelch = try #require(plain.features[1].tests.first { $0.test == .welchT })
    #expect(try #require(welch.adjustedPValue) < (try #require(plainWelch.adjustedPValue)))
  }

  /// A p-value that several hypothesis tests report (with two categories `chisquare` and
  /// `frequency_order` are the same test) weighs the sum of their weights; the distances that
  /// borrow it as their noise check add nothing.
  @Test func sharedPValueWeighsTheSumOfItsTests() throws {
    func column(_ rows: Int, _ share: Double, _ seed: UInt64) -> Table {
      var generator = SplitMix64(seed: seed)
      let codes = (0..<rows).map { _ -> Int32 in
        Double(generator.next() % 1_000_000) / 1_000_000 < share ? 0 : 1
      }
      let numeric = (0..<rows).map { _ in Double(generator.next() % 1000) }
      return Table(
        columns: [
          Column(
            name: "c", kind: .categorical,
            values: .categorical(CategoricalColumn(codes: codes, categories: ["a", "b"]))),
          Column(name: "x", kind: .numeric, values: .numeric(NumericColumn(values: numeric))),
        ], rowCount: rows)
    }
    let profile = try BaselineProfile(table: column(4000, 0.5, 1))
    let target = column(300, 0.6, 2)
    var settings = DriftSettings(numericTests: [.ks])
    settings.testWeights = [.chisquare: 1.5, .frequencyOrder: 0.5, .jensenshannon: 7, .psi: 9]
    let report = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
    let chi = try #require(report.features[0].tests.first { $0.test == .chisquare })
    let ks = try #require(report.features[1].tests.first { $0.test == .ks })
    let ps = [try #require(chi.pValue), try #require(ks.pValue)]
    // Members: the shared categorical p-value (1.5 + 0.5) and ks (1).
    let expected = MultipleTesting.adjust(ps, weights: [2, 1], method: .bh)
    #expect(chi.adjustedPValue == expected[0])
    #expect(ks.adjustedPValue == expected[1])
  }
}
