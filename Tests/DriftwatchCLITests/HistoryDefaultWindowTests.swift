import DriftData
import DriftStats
import DriftStore
import Foundation
import Testing

/// `history` without `--since` shows the monitor's newest stored windows, not the wall clock's
/// last 7 days; when nothing matches it says what the store holds and which option to use
/// (issue 14, third defect: after a backfill of last year's months it printed only "No stored
/// results match").
@Suite(.serialized) struct HistoryDefaultWindowTests {
  /// 2025-03-01T00:00:00Z: long before any wall clock these tests run on.
  static let day: Int64 = 1_740_787_200

  /// A config whose store holds `windows` hourly windows of one feature from `day` on.
  static func backfilled(windows: Int64) throws -> (folder: URL, config: String) {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(folder)
    let store = try DriftStore(path: folder.appendingPathComponent("driftwatch.db").path)
    for index in 0..<windows {
      let feature = FeatureRecord(
        feature: "income", kind: .numeric, test: .ks, statistic: 0.01 * Double(index),
        pValue: 0.5, adjustedPValue: nil, threshold: Threshold(pValue: 0.01), drifted: false)
      try store.record(
        WindowRecord(
          monitor: "credit-model",
          window: Window(start: day + index * 3600, end: day + (index + 1) * 3600), status: .ok,
          rows: 250, startedAt: 0, finishedAt: 0, features: [feature],
          dataset: DatasetResult(
            features: 1, driftedFeatures: 0, driftedShare: 0, driftShareThreshold: 0.5,
            drifted: false, magnitude: nil, reconstruction: nil),
          contributions: []))
    }
    return (folder, config)
  }

  static func history(_ config: String, _ extra: [String] = []) throws -> CLIProcess.Output {
    try CLIProcess.run(
      ["history", "--config", config, "--monitor", "credit-model", "--format", "json"] + extra)
  }

  static func rows(_ output: CLIProcess.Output) throws -> [[String: Any]] {
    try #require(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
  }

  @Test func defaultWindowEndsAtTheNewestStoredWindow() throws {
    // 9 days of hourly windows: the default shows the last 7 days of them (168 windows).
    let (folder, config) = try Self.backfilled(windows: 9 * 24)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = try Self.history(config)
    #expect(output.status == 0, "\(output.stderr)")
    let rows = try Self.rows(output)
    #expect(rows.count == 7 * 24)
    #expect(rows.first?["window_start"] as? String == "2025-03-03T00:00:00Z")
    #expect(rows.last?["window_end"] as? String == "2025-03-10T00:00:00Z")
    #expect(output.stderr.isEmpty, "\(output.stderr)")

    let dataset = try Self.history(config, ["--dataset"])
    #expect(try Self.rows(dataset).count == 7 * 24, "\(dataset.stderr)")
  }

  @Test func nothingMatchingNamesTheStoredWindowsAndTheOption() throws {
    let (folder, config) = try Self.backfilled(windows: 3)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = try Self.history(config, ["--since=-2d"])
    #expect(output.status == 0)
    #expect(try Self.rows(output).isEmpty)
    #expect(
      output.stderr.contains("the store holds 3 windows of 'credit-model'"), "\(output.stderr)")
    #expect(output.stderr.contains("from 2025-03-01T00:00:00Z to 2025-03-01T03:00:00Z"))
    #expect(output.stderr.contains("use --since 2025-03-01T00:00:00Z"))

    let filtered = try Self.history(config, ["--feature", "age"])
    #expect(try Self.rows(filtered).isEmpty)
    #expect(filtered.stderr.contains("matches --feature age"), "\(filtered.stderr)")

    let table = try CLIProcess.run([
      "history", "--config", config, "--monitor", "credit-model", "--since", "2030-01-01",
    ])
    #expect(table.stdout == "No stored results match.\n")
    #expect(table.stderr.contains("--since 2025-03-01T00:00:00Z"), "\(table.stderr)")
  }

  @Test func anEmptyStoreSaysSo() throws {
    let (folder, config) = try Self.backfilled(windows: 0)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = try Self.history(config)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stderr.contains("has no stored windows yet"), "\(output.stderr)")
  }
}
