import Foundation
import Testing

/// Text from data reaches a person with its control characters escaped (issue 14, second
/// defect): a CSV header and a category value holding escape sequences, through `compare`,
/// `run-once`, `history`, `status` and `alerts` tables, while JSON and CSV keep the exact bytes.
@Suite(.serialized) struct ControlCharacterProcessTests {
  /// A numeric column whose name turns the terminal red.
  static let feature = "evil\u{1B}[31mred"
  /// A category value that clears the screen and retitles the window.
  static let category = "sou\u{1B}[2J\u{1B}]0;pwned\u{7}th"
  /// How tables must show them.
  static let featureShown = "evil\\x1b[31mred"
  static let categoryShown = "sou\\x1b[2J\\x1b]0;pwned\\x07th"

  /// A baseline and one hour of target data in which the numeric feature moved, a config with an
  /// alert on it, and the folder holding them.
  static func fixture() throws -> (folder: URL, config: String) {
    let folder = try CLIProcess.temporaryFolder()
    func quoted(_ name: String) -> String { "\"" + name + "\"" }
    var baseline = "ts,\(quoted(feature)),region\n"
    for index in 0..<400 {
      let region = index % 3 == 0 ? category : "north"
      baseline += "2026-10-01T00:00:00Z,\(index % 100),\(quoted(region))\n"
    }
    var target = "ts,\(quoted(feature)),region\n"
    for index in 0..<200 {
      let region = index % 3 == 0 ? "north" : category
      let minute = String(format: "%02d", index % 60)
      target += "2026-11-01T00:\(minute):00Z,\(index % 100 + 60),\(quoted(region))\n"
    }
    try baseline.write(
      to: folder.appendingPathComponent("baseline.csv"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("target"), withIntermediateDirectories: true)
    try target.write(
      to: folder.appendingPathComponent("target/2026-11-01.csv"), atomically: true,
      encoding: .utf8)
    let config = """
      storage: { path: \(folder.path)/driftwatch.db }
      notifiers:
        log: { type: command, command: [/bin/sh, -c, "cat >> \(folder.path)/alerts.jsonl"] }
      monitors:
        - name: m
          baseline: { path: \(folder.path)/baseline.csv }
          target: { files: "\(folder.path)/target/*.csv", timestamp_column: ts }
          schedule: { window: 1h, delay: 10m, min_rows: 50, catch_up: 3 }
          alerts:
            - { name: moved, when: feature_drifted, for: 1, severity: critical, notify: [log] }
      """
    let path = folder.appendingPathComponent("driftwatch.yaml").path
    try config.write(toFile: path, atomically: true, encoding: .utf8)
    return (folder, path)
  }

  /// Checks a table: no raw escape character, the escaped names shown.
  static func expectEscaped(_ output: CLIProcess.Output, showing shown: [String]) {
    #expect(output.status == 0, "\(output.stderr)")
    #expect(!output.stdout.contains("\u{1B}") && !output.stdout.contains("\u{7}"))
    #expect(!output.stderr.contains("\u{1B}"))
    for text in shown { #expect(output.stdout.contains(text), "\(output.stdout)") }
  }

  @Test func compareTablesEscapeAndJSONAndCSVKeepTheBytes() throws {
    let (folder, _) = try Self.fixture()
    defer { try? FileManager.default.removeItem(at: folder) }
    let files = ["baseline.csv", "target/2026-11-01.csv"].map {
      folder.appendingPathComponent($0).path
    }
    let table = try CLIProcess.run(["compare"] + files)
    // compare exits 0 without --fail-on-drift.
    Self.expectEscaped(table, showing: [Self.featureShown, Self.categoryShown])

    let json = try CLIProcess.run(["compare"] + files + ["--format", "json"])
    #expect(json.stdout.contains("evil\\u001b[31mred"), "\(json.stdout.prefix(300))")
    let document = try #require(
      JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let features = try #require(document["features"] as? [[String: Any]])
    #expect(features.compactMap { $0["name"] as? String }.contains(Self.feature))

    let csv = try CLIProcess.run(["compare"] + files + ["--format", "csv"])
    #expect(csv.stdout.contains(Self.feature))
  }

  @Test func storedHistoryTablesEscapeAndJSONKeepsTheBytes() throws {
    let (folder, config) = try Self.fixture()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLIProcess.run([
      "run-once", "--config", config, "--now", "2026-11-01T01:30:00Z", "--log-level", "warning",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!run.stderr.contains("\u{1B}"))

    let history = try CLIProcess.run([
      "history", "--config", config, "--monitor", "m", "--since", "2026-10-31",
    ])
    Self.expectEscaped(history, showing: [Self.featureShown])
    let status = try CLIProcess.run(["status", "--config", config])
    Self.expectEscaped(status, showing: [Self.featureShown])
    let alerts = try CLIProcess.run(["alerts", "--config", config])
    Self.expectEscaped(alerts, showing: [Self.featureShown])

    let json = try CLIProcess.run([
      "history", "--config", config, "--monitor", "m", "--since", "2026-10-31", "--format",
      "json",
    ])
    let rows = try #require(
      JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(rows.compactMap { $0["feature"] as? String }.contains(Self.feature))
    let csv = try CLIProcess.run([
      "history", "--config", config, "--monitor", "m", "--since", "2026-10-31", "--format", "csv",
    ])
    #expect(csv.stdout.contains(Self.feature))

    // The payload the notifier received is JSON: the exact name, encoded.
    let payload = try String(
      contentsOf: folder.appendingPathComponent("alerts.jsonl"), encoding: .utf8)
    #expect(!payload.contains("\u{1B}"))
    #expect(payload.contains("evil\\u001b[31mred"), "\(payload.prefix(400))")
  }
}
