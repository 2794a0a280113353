import Foundation
import Testing

/// The clock stepped back by hours and forward by days: with `run-once --now` (one process per
/// step) and with one running `serve` reading a clock file. No window is stored twice, none is
/// skipped beyond the catch_up rule, and no alert is sent twice for the same window.
@Suite(.serialized) struct ClockJumpFaultTests {
  /// (clock, windows stored in all after this step, of which skipped) with catch_up 12.
  static let steps: [(time: String, stored: Int, skipped: Int)] = [
    ("2026-11-01T12:15:00Z", 12, 0),  // start: 12 windows
    ("2026-11-02T06:15:00Z", 30, 6),  // forward 18 h: 12 computed, 6 beyond catch_up
    ("2026-11-02T01:15:00Z", 30, 6),  // back 5 h: nothing new
    ("2026-11-03T06:15:00Z", 54, 18),  // forward a day: 12 computed, 12 skipped
    ("2026-11-03T03:15:00Z", 54, 18),  // back 3 h: nothing new
    ("2026-11-04T00:15:00Z", 72, 24),  // forward 18 h: 12 computed, 6 skipped
  ]

  static func summary(_ database: String) throws -> [String] {
    try Fault.query(database, "SELECT window_start, status FROM runs ORDER BY window_start")
      .map { "\($0[0]) \($0[1])" }
  }

  static func check(_ database: String, after step: Int) throws {
    let runs = try Fault.runsPerWindow(database)
    #expect(runs.count == steps[step].stored, "step \(step): \(runs.count) windows")
    #expect(runs.values.allSatisfy { $0 == 1 })
    #expect(
      try Fault.count(database, "SELECT count(*) FROM runs WHERE status = 'skipped'")
        == steps[step].skipped)
  }

  /// No notification twice: unique ids in the outbox and at the receiver, one transition per
  /// rule, feature and window.
  static func checkAlerts(_ database: String, _ receiver: RecordingReceiver) throws -> Int {
    let decided = try Fault.count(database, "SELECT count(*) FROM outbox")
    let received = receiver.requests().map(\.id)
    #expect(
      decided >= 2 && received.count == decided, "decided \(decided), received \(received.count)")
    #expect(Set(received).count == received.count, "an alert was sent twice")
    #expect(
      try Fault.count(
        database,
        "SELECT count(*) FROM (SELECT 1 FROM alert_events GROUP BY rule, feature, window_start HAVING count(*) > 1)"
      ) == 0)
    return decided
  }

  @Test func clockJumpsNeitherRepeatNorLoseWindows() throws {
    let receiver = try RecordingReceiver()
    let onceFolder = try CLIProcess.temporaryFolder()
    let onceConfig = try Fault.config(
      onceFolder, notifiers: receiver.notifiers(),
      monitors: [Fault.monitor(catchUp: 12, notify: ["hook"])])
    let onceDB = onceFolder.path + "/driftwatch.db"
    for (index, step) in Self.steps.enumerated() {
      let run = try CLIProcess.run(["run-once", "--config", onceConfig, "--now", step.time])
      #expect(run.status == 0, "\(run.stderr)")
      try Self.check(onceDB, after: index)
    }
    let decided = try Self.checkAlerts(onceDB, receiver)

    // One serve process sees the same jumps through its clock file.
    let serveReceiver = try RecordingReceiver()
    let serveFolder = try CLIProcess.temporaryFolder()
    let serveConfig = try Fault.config(
      serveFolder, notifiers: serveReceiver.notifiers(),
      monitors: [Fault.monitor(catchUp: 12, notify: ["hook"])])
    let serveDB = serveFolder.path + "/driftwatch.db"
    let clock = serveFolder.path + "/clock"
    try Fault.setClock(clock, Self.steps[0].time)
    let daemon = try DaemonUnderTest(
      ["serve", "--config", serveConfig, "--clock-file", clock], environment: [:])
    try daemon.start()
    defer { _ = daemon.waitForExit(timeout: .zero) }
    for (index, step) in Self.steps.enumerated() {
      try Fault.setClock(clock, step.time)
      if index > 0 && step.stored == Self.steps[index - 1].stored {
        usleep(2_500_000)  // more than two ticks: time for a wrong window to appear
      }
      let expected = step.stored
      #expect(try Fault.wait(.seconds(60)) { try Fault.runsPerWindow(serveDB).count == expected })
      // Every decision delivered before the clock moves again.
      #expect(
        try Fault.wait(.seconds(30)) {
          try Fault.count(serveDB, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL") == 0
        })
      try Self.check(serveDB, after: index)
    }
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0, "\(daemon.stderr)")
    #expect(try Self.checkAlerts(serveDB, serveReceiver) == decided)
    #expect(try Self.summary(serveDB) == Self.summary(onceDB))
    #expect(
      try KillLoopFaultTests.sortedJSON(DaemonProcessTests.historyJSON(serveConfig))
        == KillLoopFaultTests.sortedJSON(DaemonProcessTests.historyJSON(onceConfig)))
    #expect(try KillLoopFaultTests.events(serveDB) == KillLoopFaultTests.events(onceDB))
    print(
      "fault clock: 6 steps (back 5 h, back 3 h, forward up to a day): 72 windows each once, "
        + "48 computed, 24 skipped by catch_up 12, \(decided) notifications, none twice; "
        + "run-once and serve agree")
  }
}
