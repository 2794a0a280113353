import DriftData
import DriftStats
import DriftStore
import Foundation

/// `driftwatch-bench history [--windows N] [--keep]`: builds a store holding one year of hourly
/// windows x 50 features x 4 tests, then times the queries the CLI and the daemon make.
enum HistoryBenchmark {
  static let features = (0..<50).map { "feature_\($0 < 10 ? "0" : "")\($0)" }
  static let tests: [DriftTest] = [.ks, .psi, .wassersteinNorm, .jensenshannon]
  static let hour: Int64 = 3600
  /// 2024-01-01T00:00:00Z.
  static let firstWindow: Int64 = 1_704_067_200
  static let repetitions = 20

  static func run(_ arguments: [String]) throws {
    var windows = 8760
    var keep = false
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "--windows":
        guard let value = rest.popFirst().flatMap(Int.init), value > 30 * 24 else {
          throw BenchmarkError("--windows needs a count above 720 (30 days of hours)")
        }
        windows = value
      case "--keep": keep = true
      default: throw BenchmarkError("unknown option \(argument)")
      }
    }

    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("driftwatch-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { if !keep { try? FileManager.default.removeItem(at: directory) } }
    let path = directory.appendingPathComponent("history.db").path
    let resultRows = windows * features.count * tests.count
    print("history: \(windows) hourly windows x \(features.count) features x \(tests.count) tests")
    print("  \(resultRows) result rows, file \(path)")

    let loadTime = try measure { try load(path: path, windows: windows) }
    print("  load (\((windows + 729) / 730) transactions):   \(format(loadTime)) s")
    // The store is closed: the WAL has been checkpointed into the main file and removed.
    let bytes = try fileSize(path)
    print(
      "  size on disk:   \(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB "
        + "(\(String(format: "%.1f", Double(bytes) / Double(resultRows))) bytes per result row)")

    let store = try DriftStore(path: path)
    let lastStart = firstWindow + Int64(windows - 1) * hour
    let monthAgo = lastStart + hour - 30 * 86_400
    let oneFeature = HistoryQuery(monitor: "bench", feature: "feature_17", since: monthAgo)
    try report("history, 1 feature, 30 days", rows: store.history(oneFeature).count) {
      _ = try store.history(oneFeature)
    }
    let oneWindow = HistoryQuery(
      monitor: "bench", since: lastStart - 24 * hour, until: lastStart - 23 * hour)
    try report("history, 1 window, all features", rows: store.history(oneWindow).count) {
      _ = try store.history(oneWindow)
    }
    let drifted = HistoryQuery(monitor: "bench", since: monthAgo, driftedOnly: true)
    try report("history, drifted only, 30 days", rows: store.history(drifted).count) {
      _ = try store.history(drifted)
    }
    try report(
      "dataset history, 30 days",
      rows: store.datasetHistory(monitor: "bench", since: monthAgo).count
    ) {
      _ = try store.datasetHistory(monitor: "bench", since: monthAgo)
    }
    try report(
      "windowStates, 30 days",
      rows: store.windowStates(monitor: "bench", from: monthAgo, to: .max).count
    ) {
      _ = try store.windowStates(monitor: "bench", from: monthAgo, to: .max)
    }
    try report("status", rows: store.status().count) { _ = try store.status() }
    var next = windows
    try report(
      "record 1 window (200 res + 50 contrib)", rows: features.count * tests.count
    ) {
      try store.record(window(next))
      next += 1
    }
  }

  /// Writes every window, a month of windows per transaction.
  private static func load(path: String, windows: Int) throws {
    let store = try DriftStore(path: path)
    var index = 0
    while index < windows {
      let batch = (index..<min(index + 730, windows)).map(window)
      try store.record(batch: batch)
      index += batch.count
    }
  }

  /// Window `index` with seeded pseudo-random results (a few percent drifted).
  static func window(_ index: Int) -> WindowRecord {
    var random = SplitMix64(seed: UInt64(index))
    let start = firstWindow + Int64(index) * hour
    var results: [FeatureRecord] = []
    results.reserveCapacity(features.count * tests.count)
    for feature in features {
      for test in tests {
        let statistic = Double.random(in: 0..<0.102, using: &random)
        let pValue: Double? = test.hasPValue ? Double.random(in: 0..<1, using: &random) : nil
        let threshold = Threshold.defaultThreshold(for: test)
        results.append(
          FeatureRecord(
            feature: feature, kind: .numeric, test: test, statistic: statistic, pValue: pValue,
            adjustedPValue: pValue.map { min(1, $0 * 4) }, threshold: threshold, effect: nil,
            drifted: threshold.map {
              $0.statisticSignalsDrift(statistic) || $0.pValueSignalsDrift(pValue)
            } ?? false))
      }
    }
    let driftedFeatures = Set(results.filter(\.drifted).map(\.feature)).count
    // The multivariate results of issue #6: a magnitude, a reconstruction error, and a
    // contribution per feature (summing to 100).
    let mcc = Double.random(in: -0.05..<0.4, using: &random)
    let error = Double.random(in: 0.8..<1.4, using: &random)
    let weights = features.map { _ in Double.random(in: 0.01..<1, using: &random) }
    let total = weights.reduce(0, +)
    return WindowRecord(
      monitor: "bench", window: Window(start: start, end: start + hour), status: .ok, rows: 5000,
      baselineHash: String(repeating: "ab", count: 32),
      configHash: String(repeating: "cd", count: 32),
      startedAt: Double(start + hour + 300), finishedAt: Double(start + hour + 301),
      features: results,
      dataset: DatasetResult(
        features: features.count, driftedFeatures: driftedFeatures,
        driftedShare: Double(driftedFeatures) / Double(features.count), driftShareThreshold: 0.5,
        drifted: Double(driftedFeatures) / Double(features.count) >= 0.5,
        magnitude: DriftMagnitude(
          magnitude: max(0, mcc) * 100, auc: 0.5 + mcc / 2, mcc: mcc, baselineRows: 100_000,
          targetRows: 5000),
        reconstruction: ReconstructionDrift(
          error: error, baselineMean: 1, baselineStd: 0.1, lower: 0.7, upper: 1.3, components: 12,
          drifted: error > 1.3)),
      contributions: zip(features, weights).map {
        FeatureContribution(feature: $0, kind: .numeric, contribution: $1 / total * 100)
      })
  }

  /// Runs `body` once to warm caches, then `repetitions` times; prints best and median.
  private static func report(_ name: String, rows: Int, _ body: () throws -> Void) throws {
    try body()
    var times: [Double] = []
    for _ in 0..<repetitions { times.append(try measure(body)) }
    times.sort()
    let label = name.padding(toLength: 38, withPad: " ", startingAt: 0)
    print(
      "  \(label) best \(milliseconds(times[0])) ms, median "
        + "\(milliseconds(times[times.count / 2])) ms (\(rows) rows)")
  }

  private static func measure(_ body: () throws -> Void) throws -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }

  private static func fileSize(_ path: String) throws -> Int {
    var total = 0
    for suffix in ["", "-wal", "-shm"] {
      let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
      total += (attributes?[.size] as? Int) ?? 0
    }
    return total
  }

  private static func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
  private static func milliseconds(_ seconds: Double) -> String {
    String(format: "%.2f", seconds * 1000)
  }
}

/// A usage error of a benchmark mode.
struct BenchmarkError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A small seeded generator (SplitMix64), so every run stores the same numbers.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
