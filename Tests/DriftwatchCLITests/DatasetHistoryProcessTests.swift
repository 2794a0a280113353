import DriftData
import DriftStats
import DriftStore
import Foundation
import Testing

/// `history --dataset` / `--feature __dataset__` and the magnitude in `status`, run as real
/// processes over a real SQLite file.
@Suite(.serialized) struct DatasetHistoryProcessTests {
  /// 2026-11-01T00:00:00Z.
  static let day: Int64 = 1_793_491_200

  static func window(_ index: Int64) -> Window {
    Window(start: day + index * 3600, end: day + (index + 1) * 3600)
  }

  /// A window of two features (`income` drifted) with the given multivariate results.
  static func record(
    _ index: Int64, magnitude: DriftMagnitude?, reconstruction: ReconstructionDrift?
  ) -> WindowRecord {
    let features = ["age", "income"].map { name in
      FeatureRecord(
        feature: name, kind: .numeric, test: .ks, statistic: name == "income" ? 0.4 : 0.01,
        pValue: name == "income" ? 1e-6 : 0.7, adjustedPValue: nil,
        threshold: Threshold(pValue: 0.01), drifted: name == "income")
    }
    return WindowRecord(
      monitor: "credit-model", window: window(index), status: .ok, rows: 250, startedAt: 0,
      finishedAt: 0, features: features,
      dataset: DatasetResult(
        features: 2, driftedFeatures: 1, driftedShare: 0.5, driftShareThreshold: 0.5,
        drifted: true, magnitude: magnitude, reconstruction: reconstruction),
      contributions: magnitude == nil
        ? []
        : [
          FeatureContribution(feature: "age", kind: .numeric, contribution: 12.5),
          FeatureContribution(feature: "income", kind: .numeric, contribution: 87.5),
        ])
  }

  /// A config over the example data with its store pre-filled with three windows: a magnitude
  /// and a drifted reconstruction error, nothing multivariate, a second magnitude.
  static func prefilled() throws -> String {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(folder)
    let store = try DriftStore(path: folder.appendingPathComponent("driftwatch.db").path)
    try store.record(
      record(
        0,
        magnitude: DriftMagnitude(
          magnitude: 0.1 + 0.2, auc: 0.51, mcc: 0.003, baselineRows: 1000, targetRows: 250),
        reconstruction: ReconstructionDrift(
          error: 2.5, baselineMean: 1, baselineStd: 0.1, lower: 0.7, upper: 1.3,
          components: 4, drifted: true)))
    try store.record(record(1, magnitude: nil, reconstruction: nil))
    try store.record(
      record(
        2,
        magnitude: DriftMagnitude(
          magnitude: 42.5, auc: 0.83, mcc: 0.425, baselineRows: 1000, targetRows: 250),
        reconstruction: nil))
    return config
  }

  static func run(_ config: String, _ arguments: [String]) throws -> CLIProcess.Output {
    try CLIProcess.run(
      ["history", "--config", config, "--monitor", "credit-model", "--since", "2026-10-31"]
        + arguments)
  }

  @Test func datasetHistoryAsJSONCSVAndTable() throws {
    let config = try Self.prefilled()
    let json = try Self.run(config, ["--dataset", "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let rows = try #require(
      JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 3)
    #expect(
      rows.map { $0["window_start"] as? String } == [
        "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z",
      ])
    let first = rows[0]
    // The shortest text that reads back as the same double: bit for bit through the process.
    // (Checked on the text: Foundation's JSON parser may round the last digit differently.)
    #expect(json.stdout.contains("\"magnitude\": 0.30000000000000004,"))
    #expect(Double("0.30000000000000004")?.bitPattern == (0.1 + 0.2).bitPattern)
    #expect(first["auc"] as? Double == 0.51 && first["mcc"] as? Double == 0.003)
    #expect(first["sampled_baseline_rows"] as? Int == 1000)
    #expect(first["sampled_target_rows"] as? Int == 250)
    #expect(first["reconstruction_error"] as? Double == 2.5)
    #expect(first["reconstruction_lower"] as? Double == 0.7)
    #expect(first["reconstruction_upper"] as? Double == 1.3)
    #expect(first["reconstruction_components"] as? Int == 4)
    #expect(first["reconstruction_drifted"] as? Bool == true)
    #expect(first["drifted_share"] as? Double == 0.5 && first["drifted"] as? Bool == true)
    #expect(first["drifted_features"] as? Int == 1)
    #expect(first["drifted_feature_names"] as? [String] == ["income"])
    #expect(first["feature"] as? String == "__dataset__")
    for key in ["magnitude", "auc", "mcc", "reconstruction_error", "reconstruction_drifted"] {
      #expect(rows[1][key] is NSNull, "\(key)")
    }
    #expect(rows[2]["magnitude"] as? Double == 42.5 && rows[2]["reconstruction_error"] is NSNull)

    // --feature __dataset__ is the same query; CSV leaves what was not computed empty.
    let csv = try Self.run(config, ["--feature", "__dataset__", "--format", "csv"])
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(
      csv.stdout.split(separator: "\n").map(String.init) == [
        "monitor,window_start,window_end,magnitude,auc,mcc,reconstruction_error,"
          + "reconstruction_lower,reconstruction_upper,reconstruction_drifted,features,"
          + "drifted_features,drifted_share,drifted,drifted_feature_names",
        "credit-model,2026-11-01T00:00:00Z,2026-11-01T01:00:00Z,0.30000000000000004,0.51,0.003,"
          + "2.5,0.7,1.3,true,2,1,0.5,true,income",
        "credit-model,2026-11-01T01:00:00Z,2026-11-01T02:00:00Z,,,,,,,,2,1,0.5,true,income",
        "credit-model,2026-11-01T02:00:00Z,2026-11-01T03:00:00Z,42.5,0.83,0.425,,,,,2,1,0.5,"
          + "true,income",
      ])

    let table = try Self.run(config, ["--dataset"])
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n").map(String.init)
    // Magnitudes 0.3, none, 42.5: lowest bar, a gap, highest bar; last value 42.5 %.
    let sparkline = try #require(lines.first { $0.contains("magnitude ") })
    #expect(sparkline.contains("42.5 %") && sparkline.hasSuffix("▁ █"), "\(table.stdout)")
    let window0 = try #require(lines.first { $0.hasPrefix("* 2026-11-01T00:00:00Z") })
    #expect(window0.hasPrefix("*") && window0.contains("0.3 %"), "\(window0)")
    #expect(window0.contains("2.5 [0.7, 1.3] drifted") && window0.hasSuffix("income"))

    // --drifted-only keeps the windows whose data set or reconstruction error drifted.
    let drifted = try Self.run(config, ["--dataset", "--drifted-only", "--format", "json"])
    #expect(drifted.status == 0)
    let driftedRows = try #require(
      JSONSerialization.jsonObject(with: Data(drifted.stdout.utf8)) as? [[String: Any]])
    #expect(driftedRows.count == 3)
  }

  @Test func featureHistoryCarriesContributionsAndStatusTheMagnitude() throws {
    let config = try Self.prefilled()
    let json = try Self.run(config, ["--feature", "income", "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let rows = try #require(
      JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 3)
    #expect(rows[0]["contribution"] as? Double == 87.5)
    #expect(rows[1]["contribution"] is NSNull)
    let csv = try Self.run(config, ["--feature", "age", "--format", "csv"])
    let lines = csv.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasSuffix(",drifted,contribution") == true)
    #expect(lines[1].hasSuffix(",false,12.5") && lines[2].hasSuffix(",false,"), "\(csv.stdout)")

    // The table shows the newest window's contribution next to the last statistic.
    let table = try Self.run(config, ["--feature", "income"])
    let income = try #require(table.stdout.split(separator: "\n").first { $0.contains(" ks ") })
    #expect(table.stdout.contains("CONTRIB") && income.contains("87.5 %"), "\(table.stdout)")

    let status = try #require(try DaemonProcessTests.statusJSON(config).first)
    let last = try #require(status["last_window"] as? [String: Any])
    #expect(last["magnitude"] as? Double == 42.5)
    let statusTable = try CLIProcess.run(["status", "--config", config])
    #expect(
      statusTable.stdout.contains("MAGNITUDE") && statusTable.stdout.contains("42.5 %"),
      "\(statusTable.stdout)")
    let statusCSV = try CLIProcess.run(["status", "--config", config, "--format", "csv"])
    #expect(statusCSV.stdout.contains(",income,42.5,"), "\(statusCSV.stdout)")
  }

  @Test func datasetOptionsThatContradictAreUsageErrors() throws {
    let config = try Self.prefilled()
    let withTest = try Self.run(config, ["--dataset", "--test", "ks"])
    #expect(withTest.status == 2 && withTest.stderr.contains("--test"), "\(withTest.stderr)")
    let withFeature = try Self.run(config, ["--dataset", "--feature", "age"])
    #expect(withFeature.status == 2 && withFeature.stderr.contains("exclude each other"))
  }

  /// The daemon stores the data-set level of every window it evaluates; the magnitude columns
  /// are present and, where the evaluation computed a magnitude, a percentage with its AUC.
  @Test func runOnceStoresTheDatasetLevelOfEveryWindow() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(folder)
    let run = try CLIProcess.run(["run-once", "--config", config, "--now", DaemonProcessTests.now])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try Self.run(config, ["--dataset", "--until", "2026-11-04", "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let rows = try #require(
      JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 48)
    // The data-set verdict agrees with the per-feature history of the same windows.
    let features = try DaemonProcessTests.historyJSON(config)
    for row in rows {
      let start = try #require(row["window_start"] as? String)
      let drifted = Set(
        features.filter { $0["window_start"] as? String == start && $0["drifted"] as? Bool == true }
          .compactMap { $0["feature"] as? String })
      #expect(Set(row["drifted_feature_names"] as? [String] ?? ["?"]) == drifted, "\(start)")
      #expect(row["drifted_features"] as? Int == drifted.count)
      #expect(row.keys.contains("magnitude") && row.keys.contains("reconstruction_error"))
      let magnitude = try #require(row["magnitude"] as? Double, "\(start)")
      #expect((0...100).contains(magnitude), "\(start)")
      let auc = try #require(row["auc"] as? Double)
      #expect((0...1).contains(auc), "\(start)")
    }
    // Drift is planted on the second day: the magnitude moved up.
    let magnitudes = rows.map { ($0["window_start"] as? String ?? "", $0["magnitude"] as? Double) }
    let first = magnitudes.filter { $0.0.hasPrefix("2026-11-01") }.compactMap(\.1)
    let second = magnitudes.filter { $0.0.hasPrefix("2026-11-02") }.compactMap(\.1)
    #expect(first.count == 24 && second.count == 24)
    let firstMean: Double = first.reduce(0, +) / Double(max(first.count, 1))
    let secondMean: Double = second.reduce(0, +) / Double(max(second.count, 1))
    #expect(secondMean > firstMean + 10, "day 1: \(firstMean) %, day 2: \(secondMean) %")
    let status = try #require(try DaemonProcessTests.statusJSON(config).first)
    let last = try #require(status["last_window"] as? [String: Any])
    #expect(last["magnitude"] is Double)
    #expect((last["magnitude"] as? Double) == (rows.last?["magnitude"] as? Double))
  }
}
