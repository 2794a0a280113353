import DriftData
import DriftStats
import Foundation

/// `driftwatch-bench magnitude --baseline FILE --target FILE [--runs N]`: what the multivariate
/// measures cost. Reads both files once, then times (a) profiling the baseline without and with
/// the multivariate sample, and (b) evaluating the target without and with the drift magnitude,
/// reconstruction error and contributions (default settings: 50,000 rows a side), each `runs`
/// times, and prints the best and median of each and the difference of the medians.
enum MagnitudeBenchmark {
  static func run(_ arguments: [String]) throws {
    var options = [String: String]()
    var rest = arguments[...]
    while let key = rest.popFirst() {
      guard key.hasPrefix("--"), let value = rest.popFirst() else {
        throw BenchmarkError("usage: magnitude --baseline FILE --target FILE [--runs N]")
      }
      options[String(key.dropFirst(2))] = value
    }
    guard let baselinePath = options["baseline"], let targetPath = options["target"] else {
      throw BenchmarkError("magnitude needs --baseline and --target")
    }
    let runs = max(1, Int(options["runs"] ?? "5") ?? 5)
    var readOptions = ReadOptions()
    readOptions.kinds = ["ts": .timestamp]
    let baseline = try DataReader.read(path: baselinePath, options: readOptions).table
    readOptions.kinds = Dictionary(
      uniqueKeysWithValues: baseline.columns.map { ($0.name, $0.kind) })
    let target = try DataReader.read(path: targetPath, options: readOptions).table
    print(
      "magnitude: \(baseline.rowCount) x \(baseline.columns.count) baseline, "
        + "\(target.rowCount) target rows, \(ProcessInfo.processInfo.activeProcessorCount) cores, "
        + "\(runs) runs each")

    var off = DriftSettings()
    off.multivariate.enabled = false
    let on = DriftSettings()
    let plainProfile = try BaselineProfile(table: baseline, multivariate: off.multivariate)
    var fullProfile = plainProfile
    let profileOff = try times(runs) {
      _ = try BaselineProfile(table: baseline, multivariate: off.multivariate)
    }
    let profileOn = try times(runs) {
      fullProfile = try BaselineProfile(table: baseline, multivariate: on.multivariate)
    }
    report("profile, per-feature only", profileOff)
    report("profile, with multivariate sample", profileOn)
    var last: DriftReport?
    let evaluateOff = try times(runs) {
      _ = try Evaluator.evaluate(profile: plainProfile, target: target, settings: off)
    }
    let evaluateOn = try times(runs) {
      last = try Evaluator.evaluate(profile: fullProfile, target: target, settings: on)
    }
    report("evaluate, per-feature only", evaluateOff)
    report("evaluate, with magnitude", evaluateOn)
    print(
      String(
        format: "magnitude adds %.2f s (median) / %.2f s (best) to a window's evaluation",
        median(evaluateOn) - median(evaluateOff), evaluateOn[0] - evaluateOff[0]))
    if let dataset = last?.dataset, let magnitude = dataset.magnitude {
      print(
        String(
          format: "magnitude %.2f %%, AUC %.4f, reconstruction error %.4f (band %.4f-%.4f)",
          magnitude.magnitude, magnitude.auc, dataset.reconstruction?.error ?? .nan,
          dataset.reconstruction?.lower ?? .nan, dataset.reconstruction?.upper ?? .nan))
    }
  }

  /// Wall times of `runs` calls, sorted.
  static func times(_ runs: Int, _ body: () throws -> Void) throws -> [Double] {
    var seconds = [Double]()
    for _ in 0..<runs {
      let start = Date()
      try body()
      seconds.append(Date().timeIntervalSince(start))
    }
    return seconds.sorted()
  }

  static func median(_ sorted: [Double]) -> Double { sorted[sorted.count / 2] }

  static func report(_ label: String, _ sorted: [Double]) {
    let padded = label.padding(toLength: 36, withPad: " ", startingAt: 0)
    print("  " + padded + String(format: " best %.2f s, median %.2f s", sorted[0], median(sorted)))
  }
}
