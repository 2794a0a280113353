import Foundation
import Testing

/// The daemon commands as a user runs them: real processes, a real SQLite file, real signals.
@Suite(.serialized) struct DaemonProcessTests {
  /// The end of the demo data's second day plus the delay: all 48 hourly windows are due.
  static let now = "2026-11-03T00:15:00Z"

  /// Writes a config over the bundled example data into a fresh folder; returns its path.
  static func writeConfig(
    _ folder: URL, monitors: String? = nil, extra: String = ""
  ) throws -> String {
    let root = CLIProcess.packageRoot.path
    let body =
      monitors ?? """
        monitors:
          - name: credit-model
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target:
              files: \(root)/baselines/inference/*.csv
              timestamp_column: ts
            schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 48 }
        """
    let text = """
      storage: { path: \(folder.path)/driftwatch.db }
      \(extra)
      \(body)
      """
    let path = folder.appendingPathComponent("driftwatch.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func historyJSON(_ config: String) throws -> [[String: Any]] {
    let run = try CLIProcess.run([
      "history", "--config", config, "--monitor", "credit-model", "--since", "2026-10-31",
      "--until",
      "2026-11-04", "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    return try #require(
      JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
  }

  /// `status` rows, or nil while they cannot be read yet (the daemon has not created the
  /// database): for polling, where an early failure is expected and must not fail the test.
  static func polledStatus(_ config: String) -> [[String: Any]]? {
    guard let run = try? CLIProcess.run(["status", "--config", config, "--format", "json"]),
      run.status == 0
    else { return nil }
    return try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
  }

  static func statusJSON(_ config: String) throws -> [[String: Any]] {
    let run = try CLIProcess.run(["status", "--config", config, "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    return try #require(
      JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
  }

  @Test func runOnceStoresEveryWindowOnceAndFindsTheDriftedDay() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try Self.writeConfig(folder)
    let first = try CLIProcess.run(["run-once", "--config", config, "--now", Self.now])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("credit-model: 48 windows (48 ok)"), "\(first.stdout)")
    // A second run finds nothing due: windows are never evaluated twice.
    let second = try CLIProcess.run(["run-once", "--config", config, "--now", Self.now])
    #expect(second.stdout.contains("credit-model: 0 windows"), "\(second.stdout)")

    let rows = try Self.historyJSON(config)
    let windows = Set(rows.compactMap { $0["window_start"] as? String })
    #expect(windows.count == 48)
    // Drift is planted from 2026-11-02T00:00Z on: region drifts in the second day only.
    let regionDrift = rows.filter {
      $0["feature"] as? String == "region" && $0["test"] as? String == "chisquare"
    }
    let drifted = regionDrift.filter { $0["drifted"] as? Bool == true }.compactMap {
      $0["window_start"] as? String
    }
    #expect(drifted.count >= 20 && drifted.allSatisfy { $0.hasPrefix("2026-11-02") }, "\(drifted)")

    let status = try #require(try Self.statusJSON(config).first)
    #expect(status["windows_ok"] as? Int == 48)
    let last = try #require(status["last_window"] as? [String: Any])
    #expect(last["start"] as? String == "2026-11-02T23:00:00Z")
  }

  @Test func sigkillAtRandomMomentsLosesAndDuplicatesNothing() throws {
    let reference = try CLIProcess.temporaryFolder()
    let referenceConfig = try Self.writeConfig(reference)
    #expect(
      try CLIProcess.run(["run-once", "--config", referenceConfig, "--now", Self.now]).status == 0)
    let expected = try Self.historyJSON(referenceConfig)

    let folder = try CLIProcess.temporaryFolder()
    let config = try Self.writeConfig(folder)
    var generator = SeededGenerator(seed: 42)
    // Kill each run after a short random time, until a run gets to finish on its own: every kill
    // lands somewhere in start-up, reading, evaluating or committing a window.
    var kills = 0
    for _ in 0..<80 {
      let process = try CLIProcess.start(["run-once", "--config", config, "--now", Self.now])
      usleep(UInt32.random(in: 5_000...120_000, using: &generator))
      guard process.isRunning else {
        process.waitUntilExit()
        break
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      kills += 1
    }
    print("sigkill test: \(kills) runs killed before one finished on its own")
    let final = try CLIProcess.run(["run-once", "--config", config, "--now", Self.now])
    #expect(final.status == 0, "\(final.stderr)")
    #expect(
      kills >= 10, "only \(kills) runs were killed: the kill window is too late for this machine")

    let rows = try Self.historyJSON(config)
    #expect(rows.count == expected.count)
    // Bit-identical numbers, every window exactly once.
    #expect(
      try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys])
        == JSONSerialization.data(withJSONObject: expected, options: [.sortedKeys]))
    let status = try #require(try Self.statusJSON(config).first)
    #expect(status["windows_ok"] as? Int == 48)
    let check = try CLIProcess.run(["db", "check", "--config", config])
    #expect(check.stdout == "ok\n")
  }

  @Test func aBrokenMonitorDoesNotStopTheOthers() throws {
    let folder = try CLIProcess.temporaryFolder()
    let root = CLIProcess.packageRoot.path
    // The second monitor's target files have text in a numeric column.
    let broken = folder.appendingPathComponent("broken")
    try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
    let source = "\(root)/baselines/inference/credit-2026-11-02T05.csv"
    let text = try String(contentsOfFile: source, encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[2] = "lots"
    lines[2] = fields.joined(separator: ",")
    try (lines.joined(separator: "\n") + "\n").write(
      to: broken.appendingPathComponent("part.csv"), atomically: true, encoding: .utf8)
    let config = try Self.writeConfig(
      folder,
      monitors: """
        monitors:
          - name: credit-model
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target: { files: \(root)/baselines/inference/*.csv, timestamp_column: ts }
            schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 48 }
          - name: broken-model
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target: { files: \(broken.path)/*.csv, timestamp_column: ts }
            schedule: { window: 1h, delay: 10m, min_rows: 1, catch_up: 48 }
          - name: short-catch-up
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target: { files: \(root)/baselines/inference/*.csv, timestamp_column: ts }
            schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 4 }
        """)
    let run = try CLIProcess.run(["run-once", "--config", config, "--now", Self.now])
    #expect(run.status == 3)
    #expect(run.stdout.contains("credit-model: 48 windows (48 ok)"), "\(run.stdout)")
    #expect(run.stdout.contains("short-catch-up: 4 windows (4 ok)"), "\(run.stdout)")
    let statuses = try Self.statusJSON(config)
    let brokenStatus = try #require(statuses.first { $0["monitor"] as? String == "broken-model" })
    #expect(brokenStatus["windows_failed"] as? Int == 1)
    let error = try #require((brokenStatus["last_error"] as? [String: Any])?["message"] as? String)
    #expect(error.contains("part.csv:3:"), "\(error)")
    #expect(error.contains("income"), "\(error)")
    // Windows without any rows are stored as insufficient data, not failures.
    #expect((brokenStatus["windows_insufficient_data"] as? Int ?? 0) > 0)
  }

  @Test func backfillIsIdempotentAndForceRecomputes() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try Self.writeConfig(folder)
    let arguments = [
      "backfill", "--config", config, "--monitor", "credit-model", "--from", "2026-11-01T00:00:00Z",
      "--to",
      "2026-11-01T06:00:00Z",
    ]
    let first = try CLIProcess.run(arguments)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("6 windows computed"), "\(first.stdout)")
    let again = try CLIProcess.run(arguments)
    #expect(again.stdout.contains("0 windows computed"), "\(again.stdout)")
    let before = try Self.historyJSON(config)
    let forced = try CLIProcess.run(arguments + ["--force"])
    #expect(forced.stdout.contains("6 windows computed"), "\(forced.stdout)")
    #expect(
      try JSONSerialization.data(withJSONObject: Self.historyJSON(config), options: [.sortedKeys])
        == JSONSerialization.data(withJSONObject: before, options: [.sortedKeys]))
  }

  @Test func catchUpLimitRecordsOlderWindowsAsSkipped() throws {
    let folder = try CLIProcess.temporaryFolder()
    let root = CLIProcess.packageRoot.path
    let config = try Self.writeConfig(
      folder,
      monitors: """
        monitors:
          - name: credit-model
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target: { files: \(root)/baselines/inference/*.csv, timestamp_column: ts }
            schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 6 }
        """)
    #expect(
      try CLIProcess.run(["run-once", "--config", config, "--now", "2026-11-01T06:15:00Z"]).status
        == 0)
    // Down for a day and a half: only the 6 newest windows are computed, the rest are skipped.
    let later = try CLIProcess.run(["run-once", "--config", config, "--now", Self.now])
    #expect(later.stdout.contains("6 windows (6 ok)"), "\(later.stdout)")
    #expect(later.stdout.contains("36 skipped"), "\(later.stdout)")
    let status = try #require(try Self.statusJSON(config).first)
    #expect(status["windows_skipped"] as? Int == 36)
    #expect(status["windows_ok"] as? Int == 12)
  }
}

/// A small seeded generator so kill times are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct SQLiteTargetTests {
  /// The same 48 hours of inference rows, served by a SQLite query instead of files, give the
  /// same numbers bit for bit.
  @Test func sqliteQuerySourceMatchesTheFileSource() throws {
    let root = CLIProcess.packageRoot.path
    let folder = try CLIProcess.temporaryFolder()
    let database = folder.appendingPathComponent("inputs.db").path
    // Load the CSV files into a table with epoch-second timestamps (python3's sqlite3 module).
    let script = """
      import csv, glob, sqlite3, datetime
      db = sqlite3.connect('\(database)')
      db.execute('CREATE TABLE inputs (ts INTEGER, age REAL, income REAL, credit_score REAL, loan_amount REAL, '
                 'debt_to_income REAL, num_accounts REAL, employment_type TEXT, region TEXT, channel TEXT, has_mortgage TEXT)')
      for path in sorted(glob.glob('\(root)/baselines/inference/*.csv')):
          for r in csv.DictReader(open(path)):
              ts = int(datetime.datetime.strptime(r['ts'], '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc).timestamp())
              num = lambda k: float(r[k]) if r[k] != '' else None
              db.execute('INSERT INTO inputs VALUES (?,?,?,?,?,?,?,?,?,?,?)', (ts, num('age'), num('income'),
                  num('credit_score'), num('loan_amount'), num('debt_to_income'), num('num_accounts'),
                  r['employment_type'], r['region'], r['channel'], r['has_mortgage']))
      db.commit()
      """
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", "-c", script]
    try python.run()
    python.waitUntilExit()
    try #require(python.terminationStatus == 0)

    let filesFolder = try CLIProcess.temporaryFolder()
    let filesConfig = try DaemonProcessTests.writeConfig(filesFolder)
    let sqlConfig = try DaemonProcessTests.writeConfig(
      folder,
      monitors: """
        monitors:
          - name: credit-model
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target:
              sqlite: { path: \(database), query: "SELECT * FROM inputs WHERE ts >= :start AND ts < :end ORDER BY rowid" }
              timestamp_column: ts
            schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 48 }
        """)
    for config in [filesConfig, sqlConfig] {
      let run = try CLIProcess.run([
        "run-once", "--config", config, "--now", DaemonProcessTests.now,
      ])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("48 windows (48 ok)"), "\(run.stdout)")
    }
    let fromFiles = try DaemonProcessTests.historyJSON(filesConfig)
    let fromSQL = try DaemonProcessTests.historyJSON(sqlConfig)
    #expect(fromFiles.count == fromSQL.count)
    #expect(
      try JSONSerialization.data(withJSONObject: fromSQL, options: [.sortedKeys])
        == JSONSerialization.data(withJSONObject: fromFiles, options: [.sortedKeys]))
  }
}

@Suite struct ServeAndLockTests {
  @Test func serveStoresDueWindowsAndStopsCleanlyOnSIGTERM() throws {
    let root = CLIProcess.packageRoot.path
    let folder = try CLIProcess.temporaryFolder()
    // Windows near the real present hold no demo rows: each is stored as insufficient data.
    let config = try DaemonProcessTests.writeConfig(
      folder,
      monitors: """
        monitors:
          - name: credit-model
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target: { files: \(root)/baselines/inference/*.csv, timestamp_column: ts }
            schedule: { window: 1d, delay: 10m, min_rows: 1, catch_up: 5 }
        """, extra: "daemon: { tick: 1s }")
    let process = try CLIProcess.start(["serve", "--config", config])
    // Poll without recording failures: until serve has created the database, status says it
    // is not a driftwatch history yet (exit 3), which is expected this early.
    var stored = 0
    let deadline = Date().addingTimeInterval(60)
    while stored < 5 && Date() < deadline {
      usleep(100_000)
      let rows = DaemonProcessTests.polledStatus(config) ?? []
      stored = rows.first?["windows_insufficient_data"] as? Int ?? 0
    }
    #expect(stored == 5)
    #expect(process.isRunning)
    kill(process.processIdentifier, SIGTERM)
    var waited = 0
    while process.isRunning && waited < 100 {
      usleep(100_000)
      waited += 1
    }
    #expect(!process.isRunning, "serve did not stop within 10 s of SIGTERM")
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test func aLockedDatabaseIsAClearErrorAndNothingIsLost() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(folder)
    let early = try CLIProcess.run([
      "run-once", "--config", config, "--now", "2026-11-01T01:15:00Z",
    ])
    #expect(early.stdout.contains("(1 ok, 47 insufficient_data)"), "\(early.stdout)")
    // Another process holds a write lock for longer than the 5 s busy timeout.
    let locker = Process()
    locker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    locker.arguments = [
      "python3", "-c",
      "import sqlite3,time; db=sqlite3.connect('\(folder.path)/driftwatch.db', isolation_level=None); "
        + "db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(9); db.rollback()",
    ]
    let lockerOut = Pipe()
    locker.standardOutput = lockerOut
    try locker.run()
    _ = lockerOut.fileHandleForReading.availableData  // wait for "locked"
    let blocked = try CLIProcess.run([
      "run-once", "--config", config, "--now", DaemonProcessTests.now,
    ])
    #expect(blocked.status == 3)
    #expect(blocked.stderr.contains("lock") || blocked.stderr.contains("busy"), "\(blocked.stderr)")
    locker.waitUntilExit()
    let after = try CLIProcess.run([
      "run-once", "--config", config, "--now", DaemonProcessTests.now,
    ])
    #expect(after.status == 0, "\(after.stderr)")
    #expect(after.stdout.contains("47 windows (47 ok)"), "\(after.stdout)")
    let status = try #require(try DaemonProcessTests.statusJSON(config).first)
    #expect(status["windows_ok"] as? Int == 48)
  }
}

@Suite struct ConfigErrorProcessTests {
  /// A config with errors never starts a half-configured daemon: every error is listed with
  /// file:line:column and the process exits 2 at once.
  @Test(arguments: ["serve", "run-once", "status"])
  func invalidConfigStopsBeforeAnythingRuns(command: String) throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(
      folder,
      monitors: """
        monitors:
          - name: credit-model
            baseline: { path: \(CLIProcess.packageRoot.path)/baselines/credit-baseline.csv }
            target: { files: "\(CLIProcess.packageRoot.path)/baselines/inference/*.csv", timestamp_column: ts }
            schedule: { window: 1hour, min_rows: 100 }
            tests: { numeric: [kss] }
        """)
    let run = try CLIProcess.run([command, "--config", config])
    #expect(run.status == 2)
    #expect(run.stderr.contains("\(config):7:"), "\(run.stderr)")  // the window size
    #expect(run.stderr.contains("\(config):8:"), "\(run.stderr)")  // the test name
    #expect(run.stderr.contains("did you mean 'ks'"), "\(run.stderr)")
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("driftwatch.db").path))
  }
}

@Suite struct MultiWindowFileTests {
  /// One file holding many windows (all 72 hours in a single CSV) gives the same history as one
  /// file per window: each window takes exactly its own rows, and the file is parsed once per
  /// pass.
  @Test func oneFileSpanningManyWindowsMatchesOneFilePerWindow() throws {
    let root = CLIProcess.packageRoot.path
    let folder = try CLIProcess.temporaryFolder()
    let hourly = try FileManager.default.contentsOfDirectory(atPath: "\(root)/baselines/inference")
      .filter { $0.hasSuffix(".csv") }.sorted()
    var combined = ""
    for (index, name) in hourly.enumerated() {
      let text = try String(contentsOfFile: "\(root)/baselines/inference/\(name)", encoding: .utf8)
      combined += index == 0 ? text : String(text.drop { $0 != "\n" }.dropFirst())
    }
    let data = folder.appendingPathComponent("all")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try combined.write(
      to: data.appendingPathComponent("all.csv"), atomically: true, encoding: .utf8)
    let combinedConfig = try DaemonProcessTests.writeConfig(
      folder,
      monitors: """
        monitors:
          - name: credit-model
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target: { files: "\(data.path)/*.csv", timestamp_column: ts }
            schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 48 }
        """)
    let hourlyConfig = try DaemonProcessTests.writeConfig(try CLIProcess.temporaryFolder())
    for config in [combinedConfig, hourlyConfig] {
      let run = try CLIProcess.run([
        "run-once", "--config", config, "--now", DaemonProcessTests.now,
      ])
      #expect(run.stdout.contains("48 windows (48 ok)"), "\(run.stdout) \(run.stderr)")
    }
    #expect(
      try JSONSerialization.data(
        withJSONObject: DaemonProcessTests.historyJSON(combinedConfig), options: [.sortedKeys])
        == JSONSerialization.data(
          withJSONObject: DaemonProcessTests.historyJSON(hourlyConfig), options: [.sortedKeys]))
  }
}
