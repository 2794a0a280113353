import DriftStats
import Foundation

/// `driftwatch-bench fligner [ROWS]`: the Fligner-Killeen test alone on two seeded samples of
/// ROWS full-precision values a side (default 1,000,000; untied, as on the bench data), best and
/// median of 9 runs, and the statistic's bits (the same in every build that keeps the bits).
enum FlignerBenchmark {
  static let repetitions = 9

  static func run(_ arguments: [String]) throws {
    let rows = arguments.first.flatMap { Int($0) } ?? 1_000_000
    var generator = SplitMix64(seed: 15)
    func normal() -> Double {
      // Box-Muller on two uniform doubles in (0, 1].
      let u = Double((generator.next() >> 11) + 1) * 0x1p-53
      let v = Double(generator.next() >> 11) * 0x1p-53
      return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    let baseline = NumericSample(presorted: (0..<rows).map { _ in 100 + 10 * normal() }.sorted())
    let target = NumericSample(
      presorted: (0..<(rows - 7)).map { _ in 101 + 10.5 * normal() }.sorted())
    var times: [Double] = []
    var outcome: TestOutcome?
    for _ in 0..<repetitions {
      let start = ContinuousClock.now
      outcome = try FlignerKilleen.test(baseline, target)
      let elapsed = ContinuousClock.now - start
      times.append(
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    times.sort()
    let statistic = outcome?.statistic ?? .nan
    print("fligner: \(rows) + \(rows - 7) values")
    print(
      "  best \(String(format: "%.1f", times[0] * 1000)) ms, median "
        + "\(String(format: "%.1f", times[times.count / 2] * 1000)) ms (\(repetitions) runs)")
    print(
      "  statistic \(statistic) (bits \(String(statistic.bitPattern, radix: 16))), p-value "
        + "\(outcome?.pValue ?? .nan)")
  }
}
