import Foundation
import Testing

/// Debian's `prometheus` and `promtool` (installed by `make test-deps`) against a real `serve`:
/// started by the test on loopback ports in a temporary folder, never as a system service.
@Suite(.serialized) struct PrometheusPeerTests {
  /// Runs a tool, feeding it `input`; returns its status and output.
  static func tool(_ arguments: [String], input: Data? = nil) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
      stdin.fileHandleForWriting.write(input)
      try stdin.fileHandleForWriting.close()
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  @Test func promtoolAcceptsTheExpositionAndTheExampleRules() throws {
    let config = try HTTPListenerTests.filledStore(
      http: "http: { listen: 127.0.0.1:0 }\nnotifiers:\n"
        + "  hook: { type: webhook, url: \"http://127.0.0.1:9/drift\" }")
    let served = try ServedDaemon.start(config: config, now: HTTPListenerTests.now)
    defer { _ = served.stop() }
    let metrics = try HTTPPeer.get("\(served.base)/metrics")
    #expect(metrics.status == 200)
    let (status, output) = try Self.tool(["promtool", "check", "metrics"], input: metrics.body)
    #expect(status == 0, "\(output)")
    for name in [
      "driftwatch_build_info", "driftwatch_monitor_windows_total",
      "driftwatch_monitor_window_lag_seconds", "driftwatch_monitor_drifted_features_ratio",
      "driftwatch_monitor_drift_magnitude_ratio", "driftwatch_monitor_reconstruction_error",
      "driftwatch_feature_statistic", "driftwatch_feature_p_value", "driftwatch_feature_drifted",
    ] {
      #expect(metrics.text.contains("\n\(name)"), "\(name) missing")
    }
    let rules = CLIProcess.packageRoot.appendingPathComponent("alerts/prometheus-rules.yml").path
    let (rulesStatus, rulesOutput) = try Self.tool(["promtool", "check", "rules", rules])
    #expect(rulesStatus == 0, "\(rulesOutput)")

    // Every metric the rules and the Grafana dashboard use is one /metrics serves.
    let dashboard = CLIProcess.packageRoot.appendingPathComponent("docs/grafana/driftwatch.json")
    for file in [URL(fileURLWithPath: rules), dashboard] {
      let text = try String(contentsOf: file, encoding: .utf8)
      let used = Set(
        text.matches(of: /driftwatch_[a-z_]+/).map { String($0.output) }
          .filter { $0 != "driftwatch_" })
      #expect(!used.isEmpty)
      for name in used {
        #expect(metrics.text.contains("# TYPE \(name) "), "\(file.lastPathComponent): \(name)")
      }
    }
  }

  @Test func theFeatureSeriesCapDropsAndCountsWhatItLeavesOut() throws {
    let config = try HTTPListenerTests.filledStore(
      http: "http: { listen: 127.0.0.1:0, metrics: { max_feature_series: 10 } }")
    let served = try ServedDaemon.start(config: config, now: HTTPListenerTests.now)
    defer { _ = served.stop() }
    let text = try HTTPPeer.get("\(served.base)/metrics").text
    let lines = text.split(separator: "\n").filter { $0.hasPrefix("driftwatch_feature_drifted{") }
    #expect(lines.count == 10)
    // The demo monitor has 50 feature/test pairs (6 numeric features x 5 default tests,
    // 4 categorical x 5): 40 dropped per scrape, summed over scrapes.
    #expect(text.contains("driftwatch_metrics_series_dropped_total 40\n"), "\(text)")
    let again = try HTTPPeer.get("\(served.base)/metrics").text
    #expect(again.contains("driftwatch_metrics_series_dropped_total 80\n"))
  }

  @Test func prometheusScrapesServeAndAnswersTheStoredValue() throws {
    let config = try HTTPListenerTests.filledStore()
    let served = try ServedDaemon.start(config: config, now: HTTPListenerTests.now)
    defer { _ = served.stop() }

    let folder = try CLIProcess.temporaryFolder()
    let port = HTTPPeer.freePort()
    let rules = CLIProcess.packageRoot.appendingPathComponent("alerts/prometheus-rules.yml").path
    let prometheusConfig = """
      global: { scrape_interval: 1s, evaluation_interval: 1s }
      rule_files: [\(rules)]
      scrape_configs:
        - job_name: driftwatch
          static_configs: [{ targets: ["127.0.0.1:\(served.port)"] }]
      """
    let configPath = folder.appendingPathComponent("prometheus.yml").path
    try prometheusConfig.write(toFile: configPath, atomically: true, encoding: .utf8)
    let prometheus = Process()
    prometheus.executableURL = URL(fileURLWithPath: "/usr/bin/prometheus")
    prometheus.arguments = [
      "--config.file", configPath, "--storage.tsdb.path",
      folder.appendingPathComponent("tsdb").path,
      "--web.listen-address", "127.0.0.1:\(port)", "--log.level", "warn",
    ]
    prometheus.standardOutput = FileHandle.nullDevice
    prometheus.standardError = FileHandle.nullDevice
    try prometheus.run()
    defer { AlertmanagerPeerTests.stop(prometheus) }

    // The last stored window (2026-11-02T23:00Z) as `history` prints it.
    let history = try CLIProcess.run([
      "history", "--config", config, "--monitor", "credit-model", "--since",
      "2026-11-02T23:00:00Z", "--until", "2026-11-03T00:00:00Z", "--feature", "income",
      "--test", "ks", "--format", "json",
    ])
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
    let stored = try #require(rows.first?["statistic"] as? Double)

    let query =
      "driftwatch_feature_statistic%7Bmonitor%3D%22credit-model%22%2Cfeature%3D%22income%22%2Ctest%3D%22ks%22%7D"
    var answered: Double?
    let deadline = ContinuousClock.now + .seconds(60)
    while answered == nil && ContinuousClock.now < deadline {
      if let answer = HTTPPeer.send("http://127.0.0.1:\(port)/api/v1/query?query=\(query)"),
        let body = try? answer.json() as? [String: Any],
        let data = body["data"] as? [String: Any],
        let result = (data["result"] as? [[String: Any]])?.first,
        let value = result["value"] as? [Any], let text = value.last as? String
      {
        answered = Double(text)
      } else {
        usleep(250_000)
      }
    }
    #expect(
      answered == stored, "Prometheus answered \(String(describing: answered)), stored \(stored)")
  }
}
