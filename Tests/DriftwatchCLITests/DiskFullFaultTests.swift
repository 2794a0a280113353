import Foundation
import Testing

/// The database on a small tmpfs that fills up under a running `serve`: a clear error naming
/// the file, the daemon keeps running, and once space returns every missed window is stored,
/// once, with the same numbers as an undisturbed run, and `PRAGMA integrity_check` says ok.
@Suite(.serialized) struct DiskFullFaultTests {
  /// Whether this process may mount a tmpfs (root, outside a restricted container).
  static let canMount: Bool = {
    guard getuid() == 0, let probe = try? CLIProcess.temporaryFolder() else { return false }
    defer { try? FileManager.default.removeItem(at: probe) }
    guard Fault.shell(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.path]).status == 0
    else { return false }
    return Fault.shell(["umount", probe.path]).status == 0
  }()

  @Test(
    .enabled(
      if: canMount,
      "needs root and permission to mount a tmpfs (RLIMIT_FSIZE is no stand-in: it kills with SIGXFSZ, or gives SQLITE_IOERR_WRITE, never SQLITE_FULL)"
    ))
  func diskFullIsAClearErrorAndEveryWindowIsStoredOnceSpaceReturns() throws {
    let folder = try CLIProcess.temporaryFolder()
    let mount = folder.appendingPathComponent("small")
    try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
    let mounted = Fault.shell(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.path])
    try #require(mounted.status == 0, "\(mounted.output)")
    defer { Fault.shell(["umount", "-l", mount.path]) }
    let database = mount.path + "/driftwatch.db"
    let config = try Fault.config(
      folder, database: database, monitors: [Fault.monitor(catchUp: 6)])
    let clock = folder.path + "/clock"
    try Fault.setClock(clock, "2026-11-01T06:15:00Z")
    let daemon = try DaemonUnderTest(
      ["serve", "--config", config, "--clock-file", clock], environment: [:])
    try daemon.start()
    defer { _ = daemon.waitForExit(timeout: .zero) }
    #expect(try Fault.wait(.seconds(60)) { try Fault.runsPerWindow(database).count == 6 })

    // Fill the file system to the last byte, then let six more windows become due.
    let filler = mount.path + "/filler"
    try Fault.python(
      """
      import sys
      with open(sys.argv[1], 'wb') as f:
          try:
              while True:
                  f.write(b'\\0' * 65536); f.flush()
          except OSError:
              pass
      """, [filler])
    try Fault.setClock(clock, "2026-11-01T12:15:00Z")
    #expect(daemon.waitForLog("disk is full", timeout: .seconds(60)), "\(daemon.stderr)")
    let errorLine = daemon.stderr.split(separator: "\n").first { $0.contains("disk is full") }
    #expect(errorLine?.contains(database) == true, "\(errorLine ?? "")")
    #expect(errorLine?.contains("free space") == true, "\(errorLine ?? "")")
    usleep(2_000_000)  // a few more attempts against the full disk
    #expect(daemon.process.isRunning, "serve stopped on a full disk: \(daemon.stderr)")
    // `status` still reads the history while the disk is full.
    let status = try #require(try DaemonProcessTests.statusJSON(config).first)
    #expect(status["windows_ok"] as? Int == 6)

    // Space returns: the missed windows are stored, each once, the file is sound.
    try FileManager.default.removeItem(atPath: filler)
    #expect(try Fault.wait(.seconds(60)) { try Fault.runsPerWindow(database).count == 12 })
    let runs = try Fault.runsPerWindow(database)
    #expect(runs.values.allSatisfy { $0 == 1 }, "\(runs)")
    #expect(try Fault.count(database, "SELECT count(*) FROM runs WHERE status = 'ok'") == 12)
    #expect(try Fault.query(database, "PRAGMA integrity_check").first?.first as? String == "ok")
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0, "\(daemon.stderr)")

    let reference = try CLIProcess.temporaryFolder()
    let referenceConfig = try Fault.config(reference, monitors: [Fault.monitor(catchUp: 6)])
    for now in ["2026-11-01T06:15:00Z", "2026-11-01T12:15:00Z"] {
      _ = try CLIProcess.run(["run-once", "--config", referenceConfig, "--now", now])
    }
    #expect(
      try KillLoopFaultTests.sortedJSON(DaemonProcessTests.historyJSON(config))
        == KillLoopFaultTests.sortedJSON(DaemonProcessTests.historyJSON(referenceConfig)))
    let failures = daemon.stderr.components(separatedBy: "disk is full").count - 1
    print(
      "fault disk full: \(failures) failed store attempts logged, serve kept running, 12 windows stored once, integrity ok"
    )
  }
}
