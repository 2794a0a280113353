import Foundation
import Testing

/// A decided alert survives a crash between sending it and recording the receiver's answer:
/// the next run sends it again with the same `webhook-id` (one duplicate, never a loss).
@Suite(.serialized) struct DeliveryCrashTests {
  /// A webhook receiver on 127.0.0.1: logs each request's webhook-id; while the file `hold`
  /// exists it does not answer (so the sender is still waiting when it is killed).
  static let receiver = """
    import http.server, os, sys, time
    folder = sys.argv[1]
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
            with open(os.path.join(folder, 'received'), 'a') as f:
                f.write(self.headers.get('webhook-id', '-') + '\\n')
            while os.path.exists(os.path.join(folder, 'hold')):
                time.sleep(0.05)
            self.send_response(204)
            self.end_headers()
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    with open(os.path.join(folder, 'port.tmp'), 'w') as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(folder, 'port.tmp'), os.path.join(folder, 'port'))
    server.serve_forever()
    """

  @Test func sigkillBetweenSendAndAcknowledgementGivesOneDuplicateNeverALoss() throws {
    let folder = try CLIProcess.temporaryFolder()
    let hold = folder.appendingPathComponent("hold").path
    FileManager.default.createFile(atPath: hold, contents: Data())
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = ["python3", "-c", Self.receiver, folder.path]
    try server.run()
    defer {
      kill(server.processIdentifier, SIGKILL)
      server.waitUntilExit()  // reaped, so Process lets go of itself (LeakSanitizer)
    }
    let portFile = folder.appendingPathComponent("port").path
    var waited = 0
    while !FileManager.default.fileExists(atPath: portFile) && waited < 100 {
      usleep(100_000)
      waited += 1
    }
    let port = try #require(try? String(contentsOfFile: portFile, encoding: .utf8))
    let root = CLIProcess.packageRoot.path
    let config = try DaemonProcessTests.writeConfig(
      folder,
      monitors: """
        notifiers:
          hook: { type: webhook, url: "http://127.0.0.1:\(port)/drift", secret: s3cret, timeout: 60s }
        monitors:
          - name: credit-model
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target: { files: "\(root)/baselines/inference/*.csv", timestamp_column: ts }
            schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 1 }
            alerts:
              - { name: region-drift, when: feature_drifted, features: [region], notify: [hook] }
        """)
    let received = folder.appendingPathComponent("received").path
    func ids() -> [String] {
      ((try? String(contentsOfFile: received, encoding: .utf8)) ?? "").split(separator: "\n").map(
        String.init)
    }
    // The drifted window 2026-11-02T00 is decided and sent; the receiver holds the answer.
    let first = try CLIProcess.start([
      "run-once", "--config", config, "--now", "2026-11-02T01:15:00Z",
    ])
    waited = 0
    while ids().isEmpty && waited < 300 {
      usleep(100_000)
      waited += 1
    }
    #expect(ids().count == 1)
    kill(first.processIdentifier, SIGKILL)
    first.waitUntilExit()

    // After the crash the delivery is still pending and goes out again, same id.
    try FileManager.default.removeItem(atPath: hold)
    let second = try CLIProcess.run([
      "run-once", "--config", config, "--now", "2026-11-02T01:15:00Z",
    ])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("alerts: 1 delivered"), "\(second.stdout)")
    let seen = ids()
    #expect(seen.count == 2)
    #expect(Set(seen).count == 1, "the retry must carry the same webhook-id: \(seen)")
    // Delivered now: a third run sends nothing more.
    let third = try CLIProcess.run([
      "run-once", "--config", config, "--now", "2026-11-02T01:15:00Z",
    ])
    #expect(third.status == 0)
    #expect(ids().count == 2)
    let list = try CLIProcess.run(["alerts", "--config", config, "--format", "json"])
    #expect(list.stdout.contains("delivered"), "\(list.stdout)")
  }
}
