import Foundation
import Testing

/// The database under a running `serve`: locked by another process past the busy timeout,
/// deleted or replaced, made immutable. Each is a clear error naming the file; nothing is lost.
@Suite(.serialized) struct DatabaseFaultTests {
  /// A running serve over the demo data (catch_up 6) whose clock stands at 06:15 on the first
  /// day, after its 6 windows are stored.
  struct Running {
    let folder: URL
    let config: String
    let database: String
    let clock: String
    let daemon: DaemonUnderTest

    init() throws {
      folder = try CLIProcess.temporaryFolder()
      database = folder.path + "/driftwatch.db"
      config = try Fault.config(folder, monitors: [Fault.monitor(catchUp: 6)])
      clock = folder.path + "/clock"
      try Fault.setClock(clock, "2026-11-01T06:15:00Z")
      daemon = try DaemonUnderTest(
        ["serve", "--config", config, "--clock-file", clock], environment: [:])
      try daemon.start()
      let database = database
      #expect(try Fault.wait(.seconds(60)) { try Fault.runsPerWindow(database).count == 6 })
    }

    func stored() throws -> [Int: Int] { try Fault.runsPerWindow(database) }
  }

  @Test func lockedPastTheBusyTimeoutIsRetriedAndNothingIsLost() throws {
    let running = try Running()
    defer { _ = running.daemon.waitForExit(timeout: .zero) }
    let locker = Process()
    locker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    locker.arguments = [
      "python3", "-c",
      "import sqlite3,time; db=sqlite3.connect('\(running.database)', isolation_level=None); "
        + "db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(8); db.rollback()",
    ]
    let lockerOut = Pipe()
    locker.standardOutput = lockerOut
    try locker.run()
    defer { kill(locker.processIdentifier, SIGKILL) }
    _ = lockerOut.fileHandleForReading.availableData  // "locked"
    try Fault.setClock(running.clock, "2026-11-01T12:15:00Z")
    let daemon = running.daemon
    #expect(daemon.waitForLog("held the database lock", timeout: .seconds(30)), "\(daemon.stderr)")
    #expect(daemon.stderr.contains(running.database))
    #expect(daemon.process.isRunning)
    locker.waitUntilExit()
    #expect(try Fault.wait(.seconds(60)) { try running.stored().count == 12 })
    #expect(try running.stored().values.allSatisfy { $0 == 1 })
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0, "\(daemon.stderr)")
    let busy = daemon.stderr.components(separatedBy: "held the database lock").count - 1
    print("fault locked: \(busy) busy errors logged while locked 8 s, then 12 windows stored once")
  }

  /// SQLite would go on writing to the deleted (or renamed-over) file, where nobody can read
  /// the results: serve stops with exit 3 and a message naming the file; restarted, it opens the
  /// file now at the path and computes the windows within catch_up again.
  @Test(arguments: ["deleted", "replaced"])
  func deletedOrReplacedDatabaseStopsTheDaemonWithAClearError(change: String) throws {
    let running = try Running()
    defer { _ = running.daemon.waitForExit(timeout: .zero) }
    let fileManager = FileManager.default
    if change == "deleted" {
      for suffix in ["", "-wal", "-shm"] {
        try? fileManager.removeItem(atPath: running.database + suffix)
      }
    } else {
      // Another history of the same 6 windows renamed over the open one.
      let other = try CLIProcess.temporaryFolder()
      let otherConfig = try Fault.config(other, monitors: [Fault.monitor(catchUp: 6)])
      _ = try CLIProcess.run(["run-once", "--config", otherConfig, "--now", "2026-11-01T06:15:00Z"])
      // A backup is one self-contained file (a WAL database's file alone may miss its last
      // transactions), as a restore would bring it.
      let copy = other.path + "/restored.db"
      _ = try CLIProcess.run(["db", "backup", copy, "--config", otherConfig])
      for suffix in ["-wal", "-shm"] {
        try? fileManager.removeItem(atPath: running.database + suffix)
      }
      #expect(rename(copy, running.database) == 0)
    }
    let daemon = running.daemon
    #expect(daemon.waitForExit(timeout: .seconds(30)) == 3, "\(daemon.stderr)")
    #expect(
      daemon.stderr.contains("the database \(running.database) was \(change)"), "\(daemon.stderr)")
    #expect(daemon.stderr.contains("restart it"), "\(daemon.stderr)")

    // Restarted: the file at the path is used; the windows within catch_up are computed; each
    // window is stored once.
    try Fault.setClock(running.clock, "2026-11-01T12:15:00Z")
    let again = try DaemonUnderTest(
      ["serve", "--config", running.config, "--clock-file", running.clock], environment: [:])
    try again.start()
    defer { _ = again.waitForExit(timeout: .zero) }
    let expected = change == "deleted" ? 6 : 12
    #expect(try Fault.wait(.seconds(60)) { try running.stored().count == expected })
    #expect(try running.stored().values.allSatisfy { $0 == 1 })
    again.signal(SIGTERM)
    #expect(again.waitForExit() == 0, "\(again.stderr)")
  }

  /// Whether `chattr +i` works here (root on ext4, xfs, btrfs; not tmpfs or overlayfs).
  static let canMakeImmutable: Bool = {
    guard getuid() == 0, let probe = try? CLIProcess.temporaryFolder() else { return false }
    let file = probe.path + "/probe"
    _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
    defer {
      Fault.shell(["chattr", "-i", file])
      try? FileManager.default.removeItem(at: probe)
    }
    return Fault.shell(["chattr", "+i", file]).status == 0
  }()

  /// chmod 0444 does not stop root, and permissions are checked only when a file is opened;
  /// an immutable database (chattr +i) refuses the open connection's writes at once.
  @Test(
    .enabled(if: canMakeImmutable, "needs root and a file system with chattr +i (ext4, xfs)"))
  func readOnlyDatabaseIsAClearErrorAndResumesWhenWritable() throws {
    let running = try Running()
    defer { _ = running.daemon.waitForExit(timeout: .zero) }
    let files = [running.database, running.database + "-wal"]
    defer { Fault.shell(["chattr", "-i"] + files) }
    #expect(Fault.shell(["chattr", "+i"] + files).status == 0)
    try Fault.setClock(running.clock, "2026-11-01T12:15:00Z")
    let daemon = running.daemon
    #expect(
      daemon.waitForLog("failed on \(running.database)", timeout: .seconds(30)), "\(daemon.stderr)")
    #expect(daemon.stderr.contains("still writable"), "\(daemon.stderr)")
    usleep(2_000_000)
    #expect(daemon.process.isRunning, "\(daemon.stderr)")
    #expect(try running.stored().count == 6)
    // A new process cannot open it for writing either, and says so.
    let blocked = try CLIProcess.run([
      "run-once", "--config", running.config, "--now", "2026-11-01T12:15:00Z",
    ])
    #expect(blocked.status == 3)
    #expect(blocked.stderr.contains(running.database), "\(blocked.stderr)")

    Fault.shell(["chattr", "-i"] + files)
    #expect(try Fault.wait(.seconds(60)) { try running.stored().count == 12 })
    #expect(try running.stored().values.allSatisfy { $0 == 1 })
    #expect(
      try Fault.query(running.database, "PRAGMA integrity_check").first?.first as? String == "ok")
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0, "\(daemon.stderr)")
    let line = daemon.stderr.split(separator: "\n").first { $0.contains("failed on") } ?? ""
    print(
      "fault read-only: serve logged \"\(line.suffix(200))\"; run-once: \(blocked.stderr.prefix(200))"
    )
  }
}
