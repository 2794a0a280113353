import Foundation
import Testing

/// `driftwatch serve` as systemd runs it: a real notify socket, real signals, real log streams.
@Suite(.serialized) struct ServiceTests {
  /// The demo data's end: with this as the start of the clock, 48 hourly windows are due.
  static let now = DaemonProcessTests.now
  /// `1 monitor; last window none; 0 windows since start, 0 failed`, optionally `; more`.
  static func isStatus(_ line: String) -> Bool {
    line.wholeMatch(
      of:
        #/(\d+) monitors?; last window (none|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ); (\d+) windows since start, (\d+) failed(; .*)?/#
    ) != nil
  }

  static func monitor(_ name: String, catchUp: Int) -> String {
    let root = CLIProcess.packageRoot.path
    return """
        - name: \(name)
          baseline: { path: \(root)/baselines/credit-baseline.csv }
          target: { files: \(root)/baselines/inference/*.csv, timestamp_column: ts }
          schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: \(catchUp) }
      """
  }

  static func config(_ folder: URL, _ monitors: String...) throws -> String {
    try DaemonProcessTests.writeConfig(
      folder, monitors: "monitors:\n" + monitors.joined(separator: "\n"),
      extra: "daemon: { tick: 1s }")
  }

  static func windowsOK(_ config: String, monitor: String) -> Int {
    let rows = DaemonProcessTests.polledStatus(config) ?? []
    return rows.first { $0["monitor"] as? String == monitor }?["windows_ok"] as? Int ?? 0
  }

  static func waitFor(_ timeout: Duration = .seconds(60), _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if condition() { return true }
      usleep(100_000)
    }
    return false
  }

  @Test(arguments: [false, true])
  func readyAfterStartUpThenWatchdogAtHalfTheTimeout(abstractSocket: Bool) throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try Self.config(folder, Self.monitor("credit-model", catchUp: 48))
    let socket = try NotifySocket(abstract: abstractSocket, folder: folder)
    let daemon = try DaemonUnderTest(
      ["serve", "--config", config, "--now", Self.now],
      environment: ["NOTIFY_SOCKET": socket.address, "WATCHDOG_USEC": "400000"])
    try daemon.start()
    defer { _ = daemon.waitForExit(timeout: .zero) }
    let ready = try #require(socket.wait(for: "READY=1"), "no READY=1; stderr: \(daemon.stderr)")
    // Start-up is done: the store exists and is migrated, and nothing came before READY=1.
    #expect(ready.index == 0)
    #expect(FileManager.default.fileExists(atPath: folder.path + "/driftwatch.db"))
    let status = try #require(ready.message.value("STATUS"))
    #expect(Self.isStatus(status), "\(status)")

    // Pings while 48 windows are evaluated (on other threads) and after.
    usleep(2_500_000)
    let pings = socket.messages.filter { $0.fields.contains("WATCHDOG=1") }.map(\.time)
    let gaps = zip(pings.dropFirst(), pings).map { ($0 - $1) / .milliseconds(1) }.sorted()
    print("watchdog: \(pings.count) pings in 2.5 s, median gap \(gaps[gaps.count / 2]) ms")
    #expect(pings.count >= 8 && pings.count <= 16, "\(pings.count) pings")
    #expect(gaps[gaps.count / 2] > 150 && gaps[gaps.count / 2] < 300)
    #expect((gaps.last ?? 0) < 400, "a gap as long as the watchdog timeout: \(gaps)")

    for message in socket.messages {
      if let line = message.value("STATUS") {
        #expect(Self.isStatus(line), "\(line)")
      }
    }
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0)
    #expect(socket.wait(for: "STOPPING=1", timeout: .seconds(1)) != nil)
  }

  @Test func anInvalidConfigurationNeverSignalsReady() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(folder, monitors: "monitors: [{ name: x }]")
    let socket = try NotifySocket(abstract: true, folder: folder)
    let daemon = try DaemonUnderTest(
      ["serve", "--config", config], environment: ["NOTIFY_SOCKET": socket.address])
    try daemon.start()
    #expect(daemon.waitForExit() == 2)
    #expect(!socket.messages.contains { $0.fields.contains("READY=1") })
    #expect(daemon.stderr.contains("driftwatch.yaml:"), "\(daemon.stderr)")
  }

  @Test func sighupAppliesAValidConfigAndRejectsAnInvalidOne() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try Self.config(folder, Self.monitor("credit-model", catchUp: 2))
    let socket = try NotifySocket(abstract: false, folder: folder)
    let daemon = try DaemonUnderTest(
      ["serve", "--config", config, "--now", Self.now, "--log-level", "debug"],
      environment: ["NOTIFY_SOCKET": socket.address])
    try daemon.start()
    defer { _ = daemon.waitForExit(timeout: .zero) }
    let ready = try #require(socket.wait(for: "READY=1"), "\(daemon.stderr)")
    #expect(Self.waitFor { Self.windowsOK(config, monitor: "credit-model") == 2 })

    // A valid change: a new monitor starts and catches up its 3 windows.
    _ = try Self.config(
      folder, Self.monitor("credit-model", catchUp: 2), Self.monitor("second-model", catchUp: 3))
    daemon.signal(SIGHUP)
    let reloading = try #require(socket.wait(for: "RELOADING=1", after: ready.index))
    #expect(reloading.message.value("MONOTONIC_USEC").flatMap { UInt64($0) } != nil)
    let reloaded = try #require(socket.wait(for: "READY=1", after: reloading.index))
    #expect(Self.waitFor { Self.windowsOK(config, monitor: "second-model") == 3 })
    #expect(daemon.stderr.contains("monitors added: second-model"), "\(daemon.stderr)")

    // An invalid change: every issue logged, the running monitors keep going.
    let text = try String(contentsOfFile: config, encoding: .utf8)
    try text.replacingOccurrences(of: "window: 1h", with: "window: 1 hour").write(
      toFile: config, atomically: true, encoding: .utf8)
    daemon.signal(SIGHUP)
    let again = try #require(socket.wait(for: "RELOADING=1", after: reloaded.index))
    #expect(socket.wait(for: "READY=1", after: again.index) != nil)
    #expect(daemon.waitForLog("reload rejected: 2 problems"), "\(daemon.stderr)")
    #expect(daemon.stderr.contains("driftwatch.yaml:"), "\(daemon.stderr)")
    let passes = daemon.stderr.components(separatedBy: "second-model: pass").count
    #expect(
      Self.waitFor(.seconds(10)) {
        daemon.stderr.components(separatedBy: "second-model: pass").count > passes + 1
      })
    #expect(daemon.process.isRunning)
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0)
  }

  /// `driftwatch reload` (the unit's ExecReload) returns only once the daemon answered: exit 0
  /// when the new configuration runs, 2 when it was rejected.
  @Test func reloadCommandWaitsForTheDaemonsAnswer() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try Self.config(folder, Self.monitor("credit-model", catchUp: 2))
    let socket = try NotifySocket(abstract: false, folder: folder)
    let daemon = try DaemonUnderTest(
      ["serve", "--config", config, "--now", Self.now],
      environment: ["NOTIFY_SOCKET": socket.address, "RUNTIME_DIRECTORY": folder.path])
    try daemon.start()
    defer { _ = daemon.waitForExit(timeout: .zero) }
    _ = try #require(socket.wait(for: "READY=1"), "\(daemon.stderr)")
    let pid = String(daemon.process.processIdentifier)
    let environment = ["RUNTIME_DIRECTORY": folder.path]

    _ = try Self.config(
      folder, Self.monitor("credit-model", catchUp: 2), Self.monitor("second-model", catchUp: 3))
    let applied = try CLIProcess.run(["reload", "--pid", pid], environment: environment)
    #expect(applied.status == 0, "\(applied.stderr)")
    #expect(applied.stdout == "reloaded: 2 monitors running\n")

    let text = try String(contentsOfFile: config, encoding: .utf8)
    try text.replacingOccurrences(of: "window: 1h", with: "window: 1 hour").write(
      toFile: config, atomically: true, encoding: .utf8)
    let rejected = try CLIProcess.run(["reload", "--pid", pid], environment: environment)
    #expect(rejected.status == 2)
    #expect(rejected.stderr.contains("reload rejected"), "\(rejected.stderr)")
    #expect(daemon.process.isRunning)
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0)
  }

  @Test func sigtermFinishesTheWindowInProgressAndNothingIsLostOrRepeated() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try Self.config(folder, Self.monitor("credit-model", catchUp: 48))
    let socket = try NotifySocket(abstract: true, folder: folder)
    let daemon = try DaemonUnderTest(
      ["serve", "--config", config, "--now", Self.now],
      environment: ["NOTIFY_SOCKET": socket.address])
    try daemon.start()
    _ = try #require(socket.wait(for: "READY=1"), "\(daemon.stderr)")
    #expect(Self.waitFor { Self.windowsOK(config, monitor: "credit-model") > 0 })
    daemon.signal(SIGTERM)
    let started = ContinuousClock.now
    #expect(daemon.waitForExit(timeout: .seconds(30)) == 0, "\(daemon.stderr)")
    print("serve stopped \(ContinuousClock.now - started) after SIGTERM")
    #expect(socket.wait(for: "STOPPING=1", timeout: .seconds(1)) != nil)
    let stored = Self.windowsOK(config, monitor: "credit-model")
    #expect(stored < 48, "no new window may start after SIGTERM")
    #expect(try CLIProcess.run(["db", "check", "--config", config]).stdout == "ok\n")

    let rest = try CLIProcess.run(["run-once", "--config", config, "--now", Self.now])
    #expect(rest.stdout.contains("credit-model: \(48 - stored) windows"), "\(rest.stdout)")
    let windows = try DaemonProcessTests.historyJSON(config).compactMap {
      $0["window_start"] as? String
    }
    #expect(Set(windows).count == 48)
    #expect(Self.windowsOK(config, monitor: "credit-model") == 48)
  }
}

/// The daemon's log lines in each format, and the unit file as systemd's own tools see it.
@Suite struct ServiceLogAndUnitTests {
  /// Runs serve until READY=1, stops it, and returns its standard error.
  static func serveOnce(arguments: [String] = [], journal: Bool) throws -> String {
    let folder = try CLIProcess.temporaryFolder()
    let config = try ServiceTests.config(folder, ServiceTests.monitor("credit-model", catchUp: 2))
    let socket = try NotifySocket(abstract: true, folder: folder)
    var environment = ["NOTIFY_SOCKET": socket.address]
    let daemon = try DaemonUnderTest(
      ["serve", "--config", config, "--now", ServiceTests.now, "--log-level", "debug"]
        + arguments, environment: [:])
    if journal {
      // What systemd does: $JOURNAL_STREAM names the device and inode of standard error.
      var status = stat()
      fstat(daemon.errors.fileHandleForWriting.fileDescriptor, &status)
      environment["JOURNAL_STREAM"] = "\(status.st_dev):\(status.st_ino)"
    }
    daemon.process.environment?.merge(environment) { _, new in new }
    try daemon.start()
    _ = try #require(socket.wait(for: "READY=1"), "\(daemon.stderr)")
    #expect(ServiceTests.waitFor { ServiceTests.windowsOK(config, monitor: "credit-model") == 2 })
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0)
    return daemon.stderr
  }

  @Test func underJournalStreamEveryLineHasAPriorityAndNoTime() throws {
    let lines = try Self.serveOnce(journal: true).split(separator: "\n").map(String.init)
    #expect(!lines.isEmpty)
    for line in lines {
      #expect(line.wholeMatch(of: #/<[0-7]>[^<\d].*/#) != nil, "\(line)")
    }
    #expect(lines.contains { $0.hasPrefix("<6>ready: serving 1 monitors") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("<7>credit-model: pass stored 2 windows") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("<6>stopped") }, "\(lines)")
  }

  @Test func onAPipeOrTerminalLinesCarryTimeAndLevel() throws {
    let lines = try Self.serveOnce(journal: false).split(separator: "\n").map(String.init)
    for line in lines {
      #expect(
        line.wholeMatch(
          of:
            #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z (trace|debug|info|notice|warning|error|critical) .+/#
        )
          != nil, "\(line)")
    }
  }

  @Test func jsonFormatIsOneObjectPerLine() throws {
    let lines = try Self.serveOnce(arguments: ["--log-format", "json"], journal: true)
      .split(separator: "\n")
    #expect(lines.count >= 3)
    for line in lines {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
      #expect(object["time"] is String && object["level"] is String && object["message"] is String)
    }
  }

  static let unit = CLIProcess.packageRoot.appendingPathComponent("systemd/driftwatch.service")
  static let hasSystemdAnalyze = FileManager.default.isExecutableFile(
    atPath: "/usr/bin/systemd-analyze")

  static func analyze(_ arguments: [String]) throws -> CLIProcess.Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let text = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return .init(
      status: process.terminationStatus, stdout: String(decoding: text, as: UTF8.self), stderr: "")
  }

  @Test(.enabled(if: hasSystemdAnalyze, "systemd-analyze missing: apt-get install systemd"))
  func unitVerifiesClean() throws {
    // verify checks that ExecStart exists: point it at the binary under test.
    let folder = try CLIProcess.temporaryFolder()
    let copy = folder.appendingPathComponent("driftwatch.service")
    let text = try String(contentsOf: Self.unit, encoding: .utf8)
      .replacingOccurrences(of: "/usr/local/bin/driftwatch", with: CLIProcess.executable.path)
    try text.write(to: copy, atomically: true, encoding: .utf8)
    let run = try Self.analyze(["verify", copy.path])
    #expect(run.status == 0 && run.stdout.isEmpty, "\(run.stdout)")
  }

  @Test(.enabled(if: hasSystemdAnalyze, "systemd-analyze missing: apt-get install systemd"))
  func securityExposureIsAtMostTwo() throws {
    let run = try Self.analyze(["security", "--offline=yes", Self.unit.path])
    let match = try #require(
      run.stdout.firstMatch(of: #/Overall exposure level for driftwatch.service: (\d+\.\d+)/#),
      "\(run.stdout)")
    let score = try #require(Double(match.1))
    print("systemd-analyze security: exposure \(score) for systemd/driftwatch.service")
    #expect(score <= 2.0, "\(run.stdout)")
  }

  /// The unit sets MemoryDenyWriteExecute=yes; the same kernel rule (PR_SET_MDWE, Linux 6.3+)
  /// applied to a run over the demo data proves the Swift runtime needs no writable code.
  @Test func runsUnderMemoryDenyWriteExecute() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try ServiceTests.config(folder, ServiceTests.monitor("credit-model", catchUp: 4))
    let script = """
      import ctypes, os, sys
      libc = ctypes.CDLL(None, use_errno=True)
      if libc.prctl(65, 1, 0, 0, 0) != 0:  # PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN
          print('skip: PR_SET_MDWE unsupported by this kernel'); sys.exit(0)
      os.execv(sys.argv[1], sys.argv[1:])
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c", script, CLIProcess.executable.path, "run-once", "--config", config,
      "--now", ServiceTests.now,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    print("MemoryDenyWriteExecute: \(text.hasPrefix("skip") ? text : "run-once ok under MDWE")")
    #expect(process.terminationStatus == 0)
    #expect(text.hasPrefix("skip") || text.contains("4 windows (4 ok)"), "\(text)")
  }
}
