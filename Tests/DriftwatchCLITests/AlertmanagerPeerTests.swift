import Foundation
import Testing

/// Debian's `prometheus-alertmanager`, started by the test on loopback ports in a temporary
/// folder, receives driftwatch's alerts, groups them and routes them to a webhook receiver
/// (a small Python HTTP server) on 127.0.0.1: firing, kept active by re-posts past its
/// `resolve_timeout`, then resolved.
@Suite(.serialized) struct AlertmanagerPeerTests {
  /// Appends every POST body as one line to the file named by argv[2]; port in argv[1].
  static let receiver = """
    import http.server, sys
    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with open(sys.argv[2], "ab") as f:
                f.write(body.replace(b"\\n", b" ") + b"\\n")
            self.send_response(200)
            self.end_headers()
        def log_message(self, *args):
            pass
    http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
    """

  static func start(_ executable: String, _ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Ends a peer. SIGKILL: the test process may hand its children SIGTERM ignored, and the
  /// peers keep nothing worth a clean stop (temporary folders).
  static func stop(_ process: Process) {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// The webhook notifications received so far, decoded.
  static func received(_ path: String) -> [[String: Any]] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  /// Waits until a received notification satisfies `match`.
  static func waitFor(
    _ path: String, timeout: Duration = .seconds(60), _ match: ([String: Any]) -> Bool
  ) -> [String: Any]? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if let found = received(path).first(where: match) { return found }
      usleep(200_000)
    }
    return nil
  }

  /// The alerts Alertmanager holds, by `alertname`.
  static func activeAlerts(port: Int) -> [[String: Any]] {
    guard let answer = HTTPPeer.send("http://127.0.0.1:\(port)/api/v2/alerts?active=true"),
      let alerts = try? answer.json() as? [[String: Any]]
    else { return [] }
    return alerts
  }

  @Test func alertsFireStayActiveThroughRepostsAndResolve() throws {
    let folder = try CLIProcess.temporaryFolder()
    let hookPort = HTTPPeer.freePort()
    let hookFile = folder.appendingPathComponent("received.jsonl").path
    let script = folder.appendingPathComponent("receiver.py").path
    try Self.receiver.write(toFile: script, atomically: true, encoding: .utf8)
    let hook = try Self.start("/usr/bin/python3", [script, String(hookPort), hookFile])
    defer { Self.stop(hook) }

    let amPort = HTTPPeer.freePort()
    let amConfig = folder.appendingPathComponent("alertmanager.yml").path
    try """
    global: { resolve_timeout: 6s }
    route:
      receiver: hook
      group_by: [alertname, monitor]
      group_wait: 1s
      group_interval: 1s
      repeat_interval: 1h
    receivers:
      - name: hook
        webhook_configs:
          - { url: "http://127.0.0.1:\(hookPort)/", send_resolved: true }
    """.write(toFile: amConfig, atomically: true, encoding: .utf8)
    let alertmanager = try Self.start(
      "/usr/bin/prometheus-alertmanager",
      [
        "--config.file", amConfig, "--storage.path", folder.appendingPathComponent("am").path,
        "--web.listen-address", "127.0.0.1:\(amPort)", "--cluster.listen-address=",
      ])
    defer { Self.stop(alertmanager) }

    let config = try DaemonProcessTests.writeConfig(
      folder,
      monitors: """
        notifiers:
          am: { type: alertmanager, url: "http://127.0.0.1:\(amPort)", repeat_interval: 1s }
        monitors:
          - name: credit-model
            baseline: { path: \(CLIProcess.packageRoot.path)/baselines/credit-baseline.csv }
            target:
              files: \(CLIProcess.packageRoot.path)/baselines/inference/*.csv
              timestamp_column: ts
            schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 72 }
            alerts:
              - { name: region-drift, when: feature_drifted, features: [region], for: 2,
                  severity: critical, notify: [am] }
        """, extra: "http: { listen: 127.0.0.1:0, public_url: 'https://drift.example.com/' }")

    // Day 2 (drift planted from 2026-11-02T00:00Z): region drifts, the rule fires.
    let first = try ServedDaemon.start(config: config, now: "2026-11-02T06:15:00Z")
    var firstStopped = false
    defer { if !firstStopped { _ = first.stop() } }
    let firing = Self.waitFor(hookFile) { $0["status"] as? String == "firing" }
    let fired = try #require(firing, "no firing notification; \(first.daemon.stderr)")
    let alerts = try #require(fired["alerts"] as? [[String: Any]])
    let labels = try #require(alerts.first?["labels"] as? [String: String])
    #expect(labels["alertname"] == "region-drift")
    #expect(labels["monitor"] == "credit-model")
    #expect(labels["severity"] == "critical")
    #expect(labels["feature"] == "region")
    let annotations = try #require(alerts.first?["annotations"] as? [String: String])
    #expect(annotations["summary"]?.contains("region-drift") == true)
    #expect(annotations["window"] != nil)
    let link = try #require(annotations["dashboard_url"])
    #expect(
      link.hasPrefix("https://drift.example.com/dashboard/monitors/credit-model/windows/2026-11-0"))

    // Past resolve_timeout (6 s) the alert is still active: driftwatch re-posts it.
    usleep(10_000_000)
    let active = Self.activeAlerts(port: amPort).filter {
      ($0["labels"] as? [String: String])?["alertname"] == "region-drift"
    }
    #expect(active.count == 1, "\(Self.activeAlerts(port: amPort))")
    #expect(!Self.received(hookFile).contains { $0["status"] as? String == "resolved" })
    firstStopped = true
    #expect(first.stop() == 0)

    // Day 3: region is back to normal, the rule resolves, Alertmanager sends it resolved.
    let second = try ServedDaemon.start(config: config, now: "2026-11-04T00:15:00Z")
    defer { _ = second.stop() }
    // driftwatch's resolve: it ends when the window did (in November 2026), where one that
    // Alertmanager timed out itself would end now.
    let resolved = Self.waitFor(hookFile) { notification in
      notification["status"] as? String == "resolved"
        && ((notification["alerts"] as? [[String: Any]])?.first?["endsAt"] as? String)?
          .hasPrefix("2026-11-0") == true
    }
    #expect(resolved != nil, "no resolved notification; \(Self.received(hookFile))")
    let list = try CLIProcess.run(["alerts", "--config", config, "--format", "json"])
    #expect(list.stdout.contains("\"delivered\""), "\(list.stdout)")
  }
}
