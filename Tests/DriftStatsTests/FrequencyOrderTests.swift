import Foundation
import Testing

@testable import DriftStats

/// `frequency_order` against scripts/golden/frequency_order.py (a second derivation: the
/// correlation of side and mid-rank score over the table's expanded rows, by scipy).
@Suite struct FrequencyOrderTests {
  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    var note: String
    var baseline: [Int]
    var target: [Int]
    var statistic: Double
    var pvalue: Double
    var testDescription: String { note }
  }

  struct File: Decodable { var cases: [Case] }
  static let cases = GoldenFile.load(File.self, "frequency_order").cases

  @Test(arguments: cases)
  func matchesTheSecondDerivation(_ golden: Case) throws {
    let outcome = try FrequencyOrderTest.test(baseline: golden.baseline, target: golden.target)
    expectStatistic(outcome.statistic, golden.statistic, "z")
    if golden.statistic == 0 { #expect(outcome.statistic == 0) }
    expectPValue(outcome.pValue, golden.pvalue, "p")
  }

  @Test(arguments: cases)
  func theCategoriesOrderDoesNotChangeABit(_ golden: Case) throws {
    let outcome = try FrequencyOrderTest.test(baseline: golden.baseline, target: golden.target)
    let reversed = try FrequencyOrderTest.test(
      baseline: golden.baseline.reversed(), target: golden.target.reversed())
    #expect(reversed.statistic.bitPattern == outcome.statistic.bitPattern)
    #expect(reversed.pValue?.bitPattern == outcome.pValue?.bitPattern)
  }

  @Test func badInputIsAnError() {
    #expect(throws: StatsError.self) { try FrequencyOrderTest.test(baseline: [1, 2], target: [1]) }
    #expect(throws: StatsError.self) {
      try FrequencyOrderTest.test(baseline: [1, -2], target: [1, 1])
    }
    #expect(throws: StatsError.self) {
      try FrequencyOrderTest.test(baseline: [0, 0], target: [1, 1])
    }
  }

  /// With two categories the evaluator reports the pooled chi-square's outcome, which the window's
  /// family counts once; with three it runs the trend test, a member of its own.
  @Test func twoCategoriesShareTheChiSquare() throws {
    let settings = DriftSettings(categoricalTests: [.chisquare, .frequencyOrder])
    let baseline = CategoryCounts(labels: ["a", "b"], counts: [700, 300], missing: 0)
    let target = CategoryCounts(labels: ["a", "b"], counts: [40, 60], missing: 0)
    let two = FeatureEvaluation.categorical(
      "f", .categorical, baseline, target, settings.tests(for: .categorical))
    let chi = try #require(two.tests.first { $0.test == .chisquare })
    let order = try #require(two.tests.first { $0.test == .frequencyOrder })
    #expect(order.pValue == chi.pValue)
    #expect(order.statistic == chi.statistic)

    let three = FeatureEvaluation.categorical(
      "f", .categorical,
      CategoryCounts(labels: ["a", "b", "c"], counts: [600, 300, 100], missing: 0),
      CategoryCounts(labels: ["a", "b", "c"], counts: [30, 40, 30], missing: 0),
      settings.tests(for: .categorical))
    let direct = try FrequencyOrderTest.test(baseline: [600, 300, 100], target: [30, 40, 30])
    let threeOrder = try #require(three.tests.first { $0.test == .frequencyOrder })
    #expect(threeOrder.pValue == direct.pValue)
    #expect(direct.statistic > 0)  // the target moved toward the rarer categories
  }
}
