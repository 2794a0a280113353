import Foundation
import Testing

@testable import DriftStats

/// scipy's answers for the continuous tests, written by scripts/golden/continuous.py.
struct ContinuousGolden: Decodable {
  struct Outcome: Decodable {
    var statistic: Double
    var pvalue: Double
  }

  struct Case: Decodable, CustomTestStringConvertible, Sendable {
    var name: String
    var baseline: [Double]
    var target: [Double]
    var ks: Outcome?
    var anderson: Outcome?
    var cvm: Outcome?
    var testDescription: String { name }
  }

  struct KolmogorovRow: Decodable, Sendable {
    var n: Int
    var d: Double
    var sf: Double
    var cdf: Double
  }

  var scipy: String
  var cases: [Case]
  var kstwo: [KolmogorovRow]

  static let shared = GoldenFile.load(ContinuousGolden.self, "continuous")
}

extension ContinuousGolden.Outcome: Sendable {}

/// Whether `actual` is within `relative` of `expected`, or within `absolute` of it.
func isClose(_ actual: Double, _ expected: Double, relative: Double, absolute: Double) -> Bool {
  let difference = abs(actual - expected)
  return difference <= absolute || difference <= relative * abs(expected)
}

@Suite struct ContinuousGoldenTests {
  static let cases = ContinuousGolden.shared.cases

  private func check(
    _ outcome: TestOutcome, _ expected: ContinuousGolden.Outcome, _ label: String
  ) {
    #expect(
      isClose(outcome.statistic, expected.statistic, relative: 1e-9, absolute: 1e-12),
      "\(label) statistic \(outcome.statistic) vs reference \(expected.statistic)")
    let pValue = outcome.pValue ?? .nan
    #expect(
      isClose(pValue, expected.pvalue, relative: 1e-6, absolute: 1e-12),
      "\(label) p-value \(pValue) vs reference \(expected.pvalue)")
  }

  @Test(arguments: cases)
  func kolmogorovSmirnovMatchesScipy(_ golden: ContinuousGolden.Case) throws {
    let expected = try #require(golden.ks)
    let outcome = try KolmogorovSmirnov.test(
      NumericSample(values: golden.baseline), NumericSample(values: golden.target))
    check(outcome, expected, "ks \(golden.name)")
  }

  @Test(arguments: cases.filter { $0.anderson != nil })
  func andersonDarlingMatchesScipy(_ golden: ContinuousGolden.Case) throws {
    let expected = try #require(golden.anderson)
    let outcome = try AndersonDarlingKSample.test(
      NumericSample(values: golden.baseline), NumericSample(values: golden.target))
    check(outcome, expected, "anderson \(golden.name)")
  }

  /// scipy without ties; with ties the script's independent derivation (ECDF definition,
  /// enumerated permutation law), since scipy's midrank statistic is wrong there.
  @Test(arguments: cases.filter { $0.cvm != nil })
  func cramerVonMisesMatchesReference(_ golden: ContinuousGolden.Case) throws {
    let expected = try #require(golden.cvm)
    let outcome = try CramerVonMises.test(
      NumericSample(values: golden.baseline), NumericSample(values: golden.target))
    check(outcome, expected, "cvm \(golden.name)")
  }

  @Test func kolmogorovDistributionMatchesScipyKstwo() {
    for row in ContinuousGolden.shared.kstwo {
      let sf = KolmogorovDistribution.sf(row.d, n: row.n)
      let cdf = KolmogorovDistribution.cdf(row.d, n: row.n)
      #expect(
        isClose(sf, row.sf, relative: 1e-6, absolute: 1e-12),
        "sf(\(row.d), n: \(row.n)) = \(sf) vs scipy \(row.sf)")
      #expect(
        isClose(cdf, row.cdf, relative: 1e-6, absolute: 1e-12),
        "cdf(\(row.d), n: \(row.n)) = \(cdf) vs scipy \(row.cdf)")
    }
  }
}
