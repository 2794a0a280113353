import Foundation
import Testing

@testable import DriftStats

/// Release timing of every function on 1M vs 1M values; run with
/// `DRIFTWATCH_TIMING=1 swift test -c release --filter BinnedTimingTests`.
@Suite struct BinnedTimingTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["DRIFTWATCH_TIMING"] != nil))
  func millionVersusMillion() throws {
    var generator = SystemRandomNumberGenerator()
    let n = 1_000_000
    // Rounded to 1e-4 so the merge also meets ties, as real columns do.
    let raw1 = (0..<n).map { _ in
      (Double.random(in: -3...3, using: &generator) * 1e4).rounded() / 1e4
    }
    let raw2 = (0..<n).map { _ in
      (Double.random(in: -2.9...3.1, using: &generator) * 1e4).rounded() / 1e4
    }
    let clock = ContinuousClock()
    var baseline = NumericSample(values: raw1)
    var target = NumericSample(values: raw2)
    func time(_ name: String, _ body: () throws -> Void) rethrows {
      let elapsed = try clock.measure(body)
      let ms =
        Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
      print("TIMING \(name): \(String(format: "%.1f", ms)) ms")
    }
    time("NumericSample sort (1M)") { baseline = NumericSample(values: raw1) }
    time("NumericSample sort (1M) target") { target = NumericSample(values: raw2) }
    try time("MannWhitneyU.test") { _ = try MannWhitneyU.test(baseline, target) }
    try time("WelchT.test") { _ = try WelchT.test(baseline, target) }
    try time("Wasserstein.distance") { _ = try Wasserstein.distance(baseline, target) }
    try time("Wasserstein.normalized") { _ = try Wasserstein.normalized(baseline, target) }
    try time("EnergyDistance.distance") { _ = try EnergyDistance.distance(baseline, target) }
    var bins = try QuantileBins(baseline: baseline)
    try time("QuantileBins.init") { bins = try QuantileBins(baseline: baseline) }
    var b = [Int]()
    var t = [Int]()
    time("QuantileBins.counts sorted x2") {
      b = bins.counts(baseline)
      t = bins.counts(target)
    }
    time("QuantileBins.counts unsorted (1M)") { _ = bins.counts(unsorted: raw2) }
    try time("DistributionDistance all six") {
      _ = try DistributionDistance.psi(baseline: b, target: t)
      _ = try DistributionDistance.kl(baseline: b, target: t)
      _ = try DistributionDistance.jensenShannon(baseline: b, target: t)
      _ = try DistributionDistance.hellinger(baseline: b, target: t)
      _ = try DistributionDistance.linf(baseline: b, target: t)
      _ = try DistributionDistance.tvd(baseline: b, target: t)
    }
    time("NumericSummary x2") {
      _ = NumericSummary(sample: baseline)
      _ = NumericSummary(sample: target)
    }
    let codes1 = (0..<n).map { _ in Int32.random(in: -1..<50, using: &generator) }
    let codes2 = (0..<n).map { _ in Int32.random(in: -1..<55, using: &generator) }
    let c1 = CategoricalColumn(codes: codes1, categories: (0..<50).map { "c\($0)" })
    let c2 = CategoricalColumn(codes: codes2, categories: (0..<55).map { "c\(54 - $0)" })
    var aligned = AlignedCategoryCounts(baseline: c1, target: c2)
    time("AlignedCategoryCounts (1M vs 1M)") {
      aligned = AlignedCategoryCounts(baseline: c1, target: c2)
    }
    try time("ContingencyTest chi2 + G") {
      _ = try ContingencyTest.chiSquare(baseline: aligned.baseline, target: aligned.target)
      _ = try ContingencyTest.gTest(baseline: aligned.baseline, target: aligned.target)
    }
    time("CategoricalSummary (1M)") { _ = CategoricalSummary(column: c2) }
    let exactSmall = NumericSample(presorted: [-1, 0.00001, 0.5, 1.2, 2.00003, 2.1, 2.2, 2.3])
    let distinct = NumericSample(presorted: (0..<n).map { Double($0) / Double(n) * 6 - 3 + 1e-9 })
    try time("MannWhitneyU.test exact 8 vs 1M") { _ = try MannWhitneyU.test(exactSmall, distinct) }
  }
}
