import DriftStats
import DriftStore
import Foundation
import Testing

/// Calibrated thresholds through the real executable: `compare --calibrate` and the daemon's
/// profile cache.
@Suite struct CalibrationProcessTests {
  let baseline = "baselines/credit-baseline.csv"
  let drifted = "baselines/credit-target.csv"

  func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// The tests of `feature` in a compare report.
  func tests(_ doc: [String: Any], _ feature: String) throws -> [[String: Any]] {
    let features = try #require(doc["features"] as? [[String: Any]])
    let found = try #require(features.first { $0["name"] as? String == feature })
    return try #require(found["tests"] as? [[String: Any]])
  }

  @Test func compareCalibratesAndDecidesByTheBand() throws {
    let arguments = [
      "compare", baseline, drifted, "--calibrate", "psi,ks", "--chunk-rows", "250",
      "--features", "income,age,region", "--format", "json",
    ]
    let run = try CLIProcess.run(arguments)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!run.stderr.contains("warning"))
    let doc = try json(run.stdout)
    for feature in ["income", "age", "region"] {
      for test in try tests(doc, feature) {
        let name = try #require(test["test"] as? String)
        let threshold = try #require(test["threshold"] as? [String: Any])
        guard name == "psi" || name == "ks" else {
          #expect(threshold["calibrated"] == nil, "\(feature) \(name)")
          continue
        }
        let band = try #require(threshold["calibrated"] as? [String: Any], "\(feature) \(name)")
        let upper = try #require(band["upper"] as? Double)
        #expect(band["lower"] is NSNull)
        #expect(threshold["p_value"] is NSNull && threshold["statistic"] is NSNull)
        let statistic = try #require(test["statistic"] as? Double)
        #expect(test["drifted"] as? Bool == (statistic > upper), "\(feature) \(name)")
      }
    }
    // scripts/make_examples.py shifts income in the drifted target; age is untouched.
    #expect(
      try tests(doc, "income").first { $0["test"] as? String == "psi" }?["drifted"] as? Bool == true
    )
    #expect(try tests(doc, "age").allSatisfy { $0["drifted"] as? Bool == false })

    // Same bounds on one thread and on two.
    let one = try CLIProcess.run(arguments + ["--threads", "1"])
    let two = try CLIProcess.run(arguments + ["--threads", "2"])
    #expect(one.stdout == run.stdout && two.stdout == run.stdout)

    let table = try CLIProcess.run([
      "compare", baseline, drifted, "--calibrate", "psi", "--chunk-rows", "250",
      "--features", "income",
    ])
    #expect(table.stdout.contains("cal>"), "\(table.stdout)")
  }

  @Test func tooFewChunksWarnsAndKeepsTheFixedThresholds() throws {
    // Chunks default to the target's 2,000 rows: the 5,000-row baseline makes only 2.
    let run = try CLIProcess.run([
      "compare", baseline, drifted, "--calibrate", "all", "--features", "income", "--format",
      "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "warning: calibrated thresholds: the baseline's 5000 rows make 2 chunks of 2000 rows"),
      "\(run.stderr)")
    let psi = try #require(
      try tests(json(run.stdout), "income").first { $0["test"] as? String == "psi" })
    let threshold = try #require(psi["threshold"] as? [String: Any])
    #expect(threshold["statistic"] as? Double == 0.2 && threshold["calibrated"] == nil)
  }

  @Test func invalidCalibrateOptionsAreUsageErrors() throws {
    let mann = try CLIProcess.run(["compare", baseline, drifted, "--calibrate", "mannwhitney"])
    #expect(mann.status == 2)
    #expect(mann.stderr.contains("mannwhitney cannot be calibrated"), "\(mann.stderr)")
    let typo = try CLIProcess.run(["compare", baseline, drifted, "--calibrate", "kss"])
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("did you mean 'ks'"), "\(typo.stderr)")
    let sigma = try CLIProcess.run(["compare", baseline, drifted, "--calibrate-sigma", "0"])
    #expect(sigma.status == 2)
  }

  /// The calibration is computed once per baseline: the second run-once uses the profile
  /// cached in the store. To prove it, the cached chunk statistics are replaced by zeros
  /// between the runs; the second run's bands are then exactly 0, which no recomputation
  /// from the file could give.
  @Test func daemonComputesTheCalibrationOncePerBaseline() throws {
    let folder = try CLIProcess.temporaryFolder()
    let root = CLIProcess.packageRoot.path
    let config = folder.appendingPathComponent("driftwatch.yaml").path
    try """
    storage: { path: \(folder.path)/driftwatch.db }
    monitors:
      - name: credit-model
        baseline: { path: \(root)/baselines/credit-baseline.csv }
        target: { files: \(root)/baselines/inference/*.csv, timestamp_column: ts }
        features: { include: [income, region] }
        calibration: { tests: [psi], chunk_rows: 250 }
        schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 48 }
    """.write(toFile: config, atomically: true, encoding: .utf8)

    let first = try CLIProcess.run([
      "run-once", "--config", config, "--now", "2026-11-01T02:15:00Z",
    ])
    #expect(first.status == 0, "\(first.stderr)")
    let database = folder.appendingPathComponent("driftwatch.db").path
    let hashes = try sqlite(database, "SELECT hash FROM baselines")
    try #require(hashes.count == 1)
    let store = try DriftStore(path: database)
    let cached = try #require(try store.baseline(hash: hashes[0]))
    var profile = try BaselineProfile(encoded: cached.profile)
    let calibration = try #require(profile.calibration)
    #expect(calibration.chunkRows == 250 && calibration.chunkCount == 20)
    #expect(calibration.entries.map(\.test) == [.psi, .psi])
    let upper = try #require(
      calibration.entry(feature: "income", test: .psi)?.band(sigma: 3)?.upper)
    #expect(upper > 0)
    // JSON text and back: equal to the last few bits of a double.
    let firstUppers = try psiUppers(config, since: "2026-11-01T00:00:00Z")
    #expect(firstUppers.count == 2)
    #expect(firstUppers.allSatisfy { abs($0 - upper) <= 1e-14 * upper }, "\(firstUppers) \(upper)")

    // Replace the cached statistics by zeros.
    profile.calibration?.entries = calibration.entries.map {
      BaselineCalibration.Entry(feature: $0.feature, test: $0.test, values: [0, 0, 0, 0, 0])
    }
    _ = try sqlite(database, "DELETE FROM baselines")
    try store.saveBaseline(
      StoredBaseline(
        hash: cached.hash, path: cached.path, rows: cached.rows, profile: profile.encoded(),
        createdAt: cached.createdAt))

    let second = try CLIProcess.run([
      "run-once", "--config", config, "--now", "2026-11-01T04:15:00Z",
    ])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(try psiUppers(config, since: "2026-11-01T02:00:00Z") == [0, 0])
    #expect(try sqlite(database, "SELECT count(*) FROM baselines") == ["1"])
  }

  /// The calibrated upper bounds of income's psi in the windows from `since` on.
  private func psiUppers(_ config: String, since: String) throws -> [Double] {
    let run = try CLIProcess.run([
      "history", "--config", config, "--monitor", "credit-model", "--feature", "income",
      "--test", "psi", "--since", since, "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try #require(
      JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    return try rows.map { row in
      let threshold = try #require(row["threshold"] as? [String: Any])
      let band = try #require(threshold["calibrated"] as? [String: Any])
      return try #require(band["upper"] as? Double)
    }
  }

  /// Runs one statement with python3's sqlite3 module; returns the first column of each row.
  private func sqlite(_ database: String, _ sql: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c",
      "import sqlite3,sys; db=sqlite3.connect(sys.argv[1], isolation_level=None); "
        + "[print(r[0]) for r in db.execute(sys.argv[2])]",
      database, sql,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
  }
}
