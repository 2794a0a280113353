import DriftStats
import Foundation

/// `driftwatch-bench quiet [--windows N] [--power-windows N] [--magnitude-windows N]
/// [--reconstruction-windows N] [--sizes 50,300,...] [--baseline-rows N] [--big-rows N]
/// [--seed N] [--out FILE]`: measures the default decision rule (``DecisionStudy``) and writes
/// the table of `docs/deciding-drift.md` (`make quiet` writes `docs/decision-rule-table.md`).
/// Progress goes to standard error.
///
/// Slices for studying the rule (the table then says which slice it is):
/// `--categories 30,200` (cardinalities), `--changes scale,mean` (planted changes whose name
/// contains a word), `--parts false,power,magnitude,reconstruction,big`,
/// `--numeric-tests ks,welch_t,...` and `--categorical-tests chisquare,...` (the tests measured
/// instead of the defaults), `--family tests|features|features-simes|features-bonferroni` (the window family),
/// `--test-weights welch_t=2,psi=0.5` (the window family's test weights instead of the defaults;
/// `equal`: every test weighs 1, the plain correction).
enum QuietBenchmark {
  static let usage =
    "usage: quiet [--windows N] [--power-windows N] [--magnitude-windows N] "
    + "[--reconstruction-windows N] [--sizes LIST] "
    + "[--baseline-rows N] [--big-rows N] [--seed N] [--out FILE] [--categories LIST] "
    + "[--changes WORDS] [--parts LIST] [--numeric-tests LIST] [--categorical-tests LIST] "
    + "[--family tests|features|features-simes|features-bonferroni] [--test-weights T=W,...|equal]"

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
    var plan = Plan(
      windows: try number("windows", 500), powerWindows: try number("power-windows", 100),
      magnitudeWindows: try number("magnitude-windows", 20),
      reconstructionWindows: try number("reconstruction-windows", 200),
      sizes: try (options["sizes"] ?? "50,300,1000,10000,100000").split(separator: ",").map {
        guard let size = Int($0), size > 0 else {
          throw BenchmarkError("--sizes needs positive whole numbers, not '\($0)'")
        }
        return size
      },
      baselineRows: try number("baseline-rows", 50_000), bigRows: try number("big-rows", 1_000_000),
      seed: UInt64(try number("seed", 13)))
    if let text = options["categories"] {
      plan.cardinalities = try text.split(separator: ",").map {
        guard let k = Int($0), k > 1 else {
          throw BenchmarkError("--categories needs whole numbers above 1, not '\($0)'")
        }
        return k
      }
    }
    if let text = options["changes"] { plan.changes = text.split(separator: ",").map(String.init) }
    if let text = options["parts"] { plan.parts = Set(text.split(separator: ",").map(String.init)) }
    func tests(_ key: String) throws -> [DriftTest]? {
      try options[key].map { text in
        try text.split(separator: ",").map { name in
          guard let test = DriftTest(rawValue: String(name)) else {
            throw BenchmarkError("--\(key): '\(name)' is not a test name")
          }
          return test
        }
      }
    }
    plan.numericTests = try tests("numeric-tests")
    plan.categoricalTests = try tests("categorical-tests")
    if let text = options["family"] {
      guard let family = WindowFamily(rawValue: text) else {
        let names = WindowFamily.allCases.map(\.rawValue).joined(separator: ", ")
        throw BenchmarkError("--family needs one of \(names), not '\(text)'")
      }
      plan.family = family
    }
    if options["test-weights"] == "equal" {
      plan.testWeights = [:]
    } else if let text = options["test-weights"] {
      var weights = [DriftTest: Double]()
      for pair in text.split(separator: ",") {
        let parts = pair.split(separator: "=")
        guard parts.count == 2, let test = DriftTest(rawValue: String(parts[0])),
          let weight = Double(parts[1]), weight.isFinite, weight > 0
        else {
          throw BenchmarkError("--test-weights needs test=weight pairs, not '\(pair)'")
        }
        weights[test] = weight
      }
      plan.testWeights = weights
    }
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
  /// Windows per cell of the reconstruction band's section.
  var reconstructionWindows: Int
  var sizes: [Int]
  var baselineRows: Int
  var bigRows: Int
  var seed: UInt64
  /// The cardinalities of the categorical features.
  var cardinalities = [2, 10, 30, 200, 1000]
  /// Words of which a planted change's name must contain one; empty for every change.
  var changes = [String]()
  /// The parts of the table to compute: `false`, `power`, `magnitude`, `reconstruction`, `big`.
  var parts: Set<String> = ["false", "power", "magnitude", "reconstruction", "big"]
  /// The numeric tests measured, or `nil` for the defaults.
  var numericTests: [DriftTest]?
  /// The categorical tests measured, or `nil` for the defaults.
  var categoricalTests: [DriftTest]?
  /// The window family measured, or `nil` for the default.
  var family: WindowFamily?
  /// The test weights measured, or `nil` for the defaults.
  var testWeights: [DriftTest: Double]?

  /// The settings measured: the defaults, with the tests the plan names.
  var settings: DriftSettings {
    var settings = DriftSettings()
    if let numericTests { settings.numericTests = numericTests }
    if let categoricalTests { settings.categoricalTests = categoricalTests }
    if let family { settings.family = family }
    if let testWeights { settings.testWeights = testWeights }
    return settings
  }

  /// Whether the plan measures the defaults on every cell.
  var isWholeTable: Bool {
    cardinalities == [2, 10, 30, 200, 1000] && changes.isEmpty && parts.count == 5
      && numericTests == nil && categoricalTests == nil && family == nil
      && testWeights == nil
  }
}
