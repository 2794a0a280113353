import DriftStats
import Foundation

/// `driftwatch-bench fligner [ROWS]`: the Fligner-Killeen test alone on two seeded samples of
/// ROWS full-precision values a side (default 1,000,000; untied, as on the bench data), best and
/// median of 9 runs, and the statistic's bits (the same in every build that keeps the bits).
/// Then an evaluation with `fligner` alone of 8 features of ROWS / 2 rows a side, twice: every
/// feature complete (one N: the features share a score table) and with 1 % missing values at
/// random (eight N, as on the bench data: every score computed).
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
    try evaluations(rows: rows / 2, normal: normal)
  }

  /// `Evaluator.evaluate` with `fligner` alone on 8 features, complete and with missing values.
  static func evaluations(rows: Int, normal: () -> Double) throws {
    var generator = SplitMix64(seed: 16)
    func table(missing: Bool, spread: Double) -> Table {
      let columns = (0..<8).map { index in
        let values = (0..<rows).map { _ -> Double in
          missing && generator.next() % 100 == 0 ? .nan : 50 + spread * normal()
        }
        return Column(
          name: "x\(index)", kind: .numeric, values: .numeric(NumericColumn(values: values)))
      }
      return Table(columns: columns, rowCount: rows)
    }
    let settings = DriftSettings(
      numericTests: [.fligner], multivariate: MultivariateSettings(enabled: false))
    for missing in [false, true] {
      let baseline = table(missing: missing, spread: 10)
      let target = table(missing: missing, spread: 10.3)
      let profile = try BaselineProfile(
        table: baseline, multivariate: MultivariateSettings(enabled: false))
      var times: [Double] = []
      for _ in 0..<5 {
        let start = ContinuousClock.now
        _ = try Evaluator.evaluate(profile: profile, target: target, settings: settings)
        let elapsed = ContinuousClock.now - start
        times.append(
          Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
      }
      times.sort()
      print(
        "evaluate, fligner only, 8 features x \(rows) rows a side, "
          + (missing ? "1 % missing (8 N)" : "complete (one N)") + ": best "
          + "\(String(format: "%.1f", times[0] * 1000)) ms, median "
          + "\(String(format: "%.1f", times[2] * 1000)) ms (5 runs)")
    }
  }
}
