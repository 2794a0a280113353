import DriftStore
import Foundation
import Testing

/// Alert rules over the bundled demo data, decided by a real `run-once` process.
@Suite(.serialized) struct AlertsProcessTests {
  /// Start of the demo data's drifted day.
  static let driftStart = "2026-11-02T00:00:00Z"

  static func monitor(forWindows: Int) -> String {
    let root = CLIProcess.packageRoot.path
    return """
      monitors:
        - name: credit-model
          baseline: { path: \(root)/baselines/credit-baseline.csv }
          target:
            files: \(root)/baselines/inference/*.csv
            timestamp_column: ts
          schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 48 }
          alerts:
            - name: region-drift
              when: feature_drifted
              features: [region]
              for: \(forWindows)
              severity: critical
      """
  }

  @Test(arguments: [(1, "2026-11-02T00:00:00Z"), (2, "2026-11-02T01:00:00Z")])
  func regionFiresOnceWhenTheDriftStarts(forWindows: Int, expectedStart: String) throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(
      folder, monitors: Self.monitor(forWindows: forWindows))
    let run = try CLIProcess.run(["run-once", "--config", config, "--now", DaemonProcessTests.now])
    #expect(run.status == 0, "\(run.stderr)")

    let store = try DriftStore.openReadOnly(path: folder.path + "/driftwatch.db")
    let events = try store.alertEvents(monitor: "credit-model")
    let notified = events.filter { $0.notificationID != nil }
    let firstFiring = try #require(notified.first)
    // Nothing on the first day; the first notification is the firing one when drift starts.
    #expect(events.allSatisfy { format($0.windowStart) >= Self.driftStart })
    #expect(firstFiring.to == .firing && firstFiring.feature == "region")
    #expect(format(firstFiring.windowStart) == expectedStart)
    #expect(notified.filter { $0.windowStart == firstFiring.windowStart }.count == 1)
    #expect(firstFiring.severity == "critical")
    // The state is stored and every notification of the window has one id.
    let states = try store.alertStates(monitor: "credit-model")
    #expect(states.map(\.feature) == ["region"])
    if forWindows == 2 {
      #expect(events.first.map { format($0.windowStart) } == Self.driftStart)
      #expect(events.first?.to == .pending)
    }
  }

  private func format(_ seconds: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }
}
