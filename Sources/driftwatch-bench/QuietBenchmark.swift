import DriftStats
import Foundation

/// `driftwatch-bench quiet [--windows N] [--power-windows N] [--magnitude-windows N]
/// [--sizes 50,300,...] [--baseline-rows N] [--big-rows N] [--seed N] [--out FILE]`: measures the
/// default decision rule (``DecisionStudy``) and writes the table of `docs/deciding-drift.md`
/// (`make quiet` writes `docs/decision-rule-table.md`). Progress goes to standard error.
enum QuietBenchmark {
  static let usage =
    "usage: quiet [--windows N] [--power-windows N] [--magnitude-windows N] [--sizes LIST] "
    + "[--baseline-rows N] [--big-rows N] [--seed N] [--out FILE]"

  static func run(_ arguments: [String]) throws {
    var options = [String: String]()
    var rest = arguments[...]
    while let key = rest.popFirst() {
      guard key.hasPrefix("--"), let value = rest.popFirst() else { throw BenchmarkError(usage) }
      options[String(key.dropFirst(2))] = value
    }
    func number(_ key: String, _ fallback: Int) throws -> Int {
      guard let text = options[key] else { return fallback }
      guard let value = Int(text), value >= 0 else {
        throw BenchmarkError("--\(key) needs a whole number, not '\(text)'")
      }
      return value
    }
    let plan = Plan(
      windows: try number("windows", 500), powerWindows: try number("power-windows", 100),
      magnitudeWindows: try number("magnitude-windows", 20),
      sizes: try (options["sizes"] ?? "50,300,1000,10000,100000").split(separator: ",").map {
        guard let size = Int($0), size > 0 else {
          throw BenchmarkError("--sizes needs positive whole numbers, not '\($0)'")
        }
        return size
      },
      baselineRows: try number("baseline-rows", 50_000), bigRows: try number("big-rows", 1_000_000),
      seed: UInt64(try number("seed", 13)))
    let start = Date()
    let text = try QuietTable(plan: plan).render()
    if let path = options["out"] {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      progress(String(format: "wrote %@ in %.0f s", path, Date().timeIntervalSince(start)))
    } else {
      print(text, terminator: "")
    }
  }

  /// A line on standard error.
  static func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

/// What the quiet study runs.
struct Plan {
  var windows: Int
  var powerWindows: Int
  var magnitudeWindows: Int
  var sizes: [Int]
  var baselineRows: Int
  var bigRows: Int
  var seed: UInt64
}
