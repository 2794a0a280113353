import Foundation
import Testing

/// The baseline file replaced under a running `serve`, by an atomic rename and by an in-place
/// rewrite: a new content hash gives a new profile (a new baselines row, the new baseline_hash on
/// later windows), and no window is ever compared with a half-written file.
@Suite(.serialized) struct BaselineFaultTests {
  static func sha256(_ path: String) throws -> String {
    try Fault.python(
      "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())",
      [path]
    ).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// baseline_hash of every stored window, by window start.
  static func hashes(_ database: String) throws -> [Int: String] {
    var result = [Int: String]()
    for row in try Fault.query(
      database, "SELECT window_start, coalesce(baseline_hash, status) FROM runs")
    {
      if let start = row[0] as? Int, let hash = row[1] as? String { result[start] = hash }
    }
    return result
  }

  @Test func replacedBaselineGivesANewProfileAndNoHalfWrittenOne() throws {
    let folder = try CLIProcess.temporaryFolder()
    let baseline = folder.path + "/baseline.csv"
    let original = Fault.root + "/baselines/credit-baseline.csv"
    try FileManager.default.copyItem(atPath: original, toPath: baseline)
    // C: the original without its last 1,000 rows, written in place later.
    let rewritten = folder.path + "/rewritten.csv"
    let lines = try String(contentsOfFile: original, encoding: .utf8).split(separator: "\n")
    try (lines.dropLast(1000).joined(separator: "\n") + "\n").write(
      toFile: rewritten, atomically: true, encoding: .utf8)
    let hashA = try Self.sha256(original)
    let hashB = try Self.sha256(Fault.root + "/baselines/credit-stable.csv")
    let hashC = try Self.sha256(rewritten)

    let database = folder.path + "/driftwatch.db"
    let config = try Fault.config(folder, monitors: [Fault.monitor(baseline: baseline, catchUp: 6)])
    let clock = folder.path + "/clock"
    try Fault.setClock(clock, "2026-11-01T06:15:00Z")
    let daemon = try DaemonUnderTest(
      ["serve", "--config", config, "--clock-file", clock], environment: [:])
    try daemon.start()
    defer { _ = daemon.waitForExit(timeout: .zero) }
    #expect(try Fault.wait(.seconds(60)) { try Fault.runsPerWindow(database).count == 6 })

    // Atomic replacement: a complete file renamed over the old one is read at once.
    try FileManager.default.copyItem(
      atPath: Fault.root + "/baselines/credit-stable.csv", toPath: baseline + ".tmp")
    #expect(rename(baseline + ".tmp", baseline) == 0)
    try Fault.setClock(clock, "2026-11-01T09:15:00Z")
    #expect(try Fault.wait(.seconds(60)) { try Fault.runsPerWindow(database).count == 9 })

    // In-place rewrite in 16 pieces over about 1.6 s while windows keep becoming due.
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    writer.arguments = [
      "python3", "-c",
      """
      import sys, time
      data = open(sys.argv[2], 'rb').read()
      step = len(data) // 16 + 1
      with open(sys.argv[1], 'r+b') as f:
          f.truncate(0)
          for i in range(0, len(data), step):
              f.write(data[i:i + step]); f.flush(); time.sleep(0.1)
      """, baseline, rewritten,
    ]
    try writer.run()
    defer { kill(writer.processIdentifier, SIGKILL) }
    for hour in 10...13 {
      try Fault.setClock(clock, "2026-11-01T\(hour):15:00Z")
      usleep(400_000)
    }
    writer.waitUntilExit()
    #expect(writer.terminationStatus == 0)
    usleep(2_500_000)  // the rewritten file is now still for longer than the settle time
    // Later windows, and retries of any window that failed while the file changed.
    try Fault.setClock(clock, "2026-11-01T16:15:00Z")
    #expect(
      try Fault.wait(.seconds(60)) {
        try Fault.count(database, "SELECT count(*) FROM runs WHERE status = 'ok'") == 16
      }, "\(daemon.stderr)")
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0, "\(daemon.stderr)")

    let start = Fault.epoch("2026-11-01T00:00:00Z")
    let hashes = try Self.hashes(database)
    #expect(try Fault.runsPerWindow(database).values.allSatisfy { $0 == 1 })
    for hour in 0..<16 {
      let hash = hashes[start + hour * 3600] ?? "missing"
      let allowed: Set<String> =
        switch hour {
        case 0..<6: [hashA]
        case 6..<9: [hashB]
        case 9..<13: [hashB, hashC]
        default: [hashC]
        }
      #expect(allowed.contains(hash), "window \(hour):00 has baseline \(hash)")
    }
    let profiles = try Fault.count(database, "SELECT count(*) FROM baselines")
    #expect(profiles == 3)
    let attempts = try Fault.count(database, "SELECT sum(attempts) FROM runs")
    print(
      "fault baseline: A for 6 windows, B after the rename, C after the in-place rewrite; "
        + "\(profiles) profiles; \(attempts - 16) windows retried after reading a changing file")
  }
}
