import Foundation
import Testing

/// SIGKILL at random moments while the daemon catches up 72 hourly windows with alert rules that
/// fire and resolve into a live webhook receiver: afterwards every window is stored exactly once,
/// the history is bit for bit that of one uninterrupted run, and every decided notification was
/// received at least once (duplicates only with the same webhook-id and the same bytes).
@Suite(.serialized) struct KillLoopFaultTests {
  static let killsWanted = 50
  static let windows = 72

  /// Stored windows and undelivered outbox rows; zeros while the file or its tables do not
  /// exist yet (a process killed in its first milliseconds).
  static func progress(_ database: String) -> (stored: Int, pending: Int) {
    let script = """
      import sqlite3, sys
      try:
          db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True, timeout=30)
          a = db.execute('SELECT count(*) FROM runs').fetchone()[0]
          b = db.execute('SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL').fetchone()[0]
          print(a, b)
      except Exception:
          print(0, 0)
      """
    let text = (try? Fault.python(script, [database])) ?? "0 0"
    let numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    return numbers.count == 2 ? (numbers[0], numbers[1]) : (0, 0)
  }

  /// Outbox rows: notification id, notifier, delivered or not, SHA-256 of the payload.
  static func outbox(_ database: String) throws -> [(id: String, delivered: Bool, hash: String)] {
    let script = """
      import hashlib, sqlite3, sys
      db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True, timeout=30)
      for i, n, d, p in db.execute('SELECT notification_id, notifier, delivered_at, payload FROM outbox ORDER BY 1, 2'):
          print(i, n, 1 if d is not None else 0, hashlib.sha256(p).hexdigest())
      """
    return try Fault.python(script, [database]).split(separator: "\n").map { line in
      let parts = line.split(separator: " ").map(String.init)
      return (parts[0], parts[2] == "1", parts[3])
    }
  }

  /// Alert transitions without their wall-clock creation time.
  static func events(_ database: String) throws -> [String] {
    try Fault.query(
      database,
      """
      SELECT rule, feature, window_start, from_state, to_state, severity,
        coalesce(notification_id, '-') FROM alert_events ORDER BY window_start, rule, feature, id
      """
    ).map { $0.map { "\($0)" }.joined(separator: "|") }
  }

  static func sortedJSON(_ object: Any) throws -> Data {
    try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
  }

  @Test func fiftyKillsDuringCatchUpLoseAndDuplicateNothing() throws {
    let started = ContinuousClock.now
    let receiver = try RecordingReceiver()
    let monitor = Fault.monitor(notify: ["hook"])

    // One uninterrupted run: the reference history, and how long a run and a start-up take.
    let reference = try CLIProcess.temporaryFolder()
    let referenceConfig = try Fault.config(
      reference, notifiers: receiver.notifiers(), monitors: [monitor])
    let clock = ContinuousClock()
    var referenceRun: CLIProcess.Output?
    let runTime = try clock.measure {
      referenceRun = try CLIProcess.run([
        "run-once", "--config", referenceConfig, "--now", Fault.end,
      ])
    }
    #expect(referenceRun?.status == 0, "\(referenceRun?.stderr ?? "")")
    let startUp = try clock.measure {
      _ = try CLIProcess.run(["run-once", "--config", referenceConfig, "--now", Fault.end])
    }
    let referenceDB = reference.path + "/driftwatch.db"
    let expectedHistory = try DaemonProcessTests.historyJSON(referenceConfig)
    let expectedEvents = try Self.events(referenceDB)
    let expectedOutbox = try Self.outbox(referenceDB)
    try #require(expectedOutbox.count >= 4, "the rules must fire and resolve: \(expectedOutbox)")
    let referenceReceived = receiver.requests().count

    // The same catch-up, killed again and again.
    let folder = try CLIProcess.temporaryFolder()
    let config = try Fault.config(folder, notifiers: receiver.notifiers(), monitors: [monitor])
    let database = folder.path + "/driftwatch.db"
    let seconds = { (duration: Duration) in
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    let startSeconds = seconds(startUp)
    let perWindow = max(0.002, (seconds(runTime) - startSeconds) / Double(Self.windows))
    var generator = SeededGenerator(seed: 20_261_125)
    var kills = 0
    var killsDuringCatchUp = 0
    var finishedOnTheirOwn = 0
    var scale = 1.0
    var iteration = 0
    var last = Self.progress(database)
    while kills < Self.killsWanted && iteration < 400
      && ContinuousClock.now - started < .seconds(240)
    {
      iteration += 1
      let remaining = Self.windows - last.stored
      // Aim to spread the remaining windows over the remaining kills, with some to spare.
      let target = max(0.5, Double(remaining) / Double(Self.killsWanted - kills + 4))
      let delay =
        scale
        * (startSeconds * Double.random(in: 0.2...1.1, using: &generator)
          + Double.random(in: 0...(2 * target), using: &generator) * perWindow)
      // Even iterations restart `run-once`, odd ones `serve`: both ways a daemon comes back.
      let arguments =
        iteration % 2 == 0
        ? ["run-once", "--config", config, "--now", Fault.end]
        : ["serve", "--config", config, "--now", Fault.end]
      let process = try CLIProcess.start(arguments)
      usleep(UInt32(min(delay, 5) * 1_000_000))
      guard process.isRunning else {
        process.waitUntilExit()
        finishedOnTheirOwn += 1
        scale = max(0.05, scale * 0.6)
        last = Self.progress(database)
        continue
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      kills += 1
      let now = Self.progress(database)
      // Killed while work was left: windows to compute or notifications to deliver.
      if now.stored < Self.windows || now.pending > 0 { killsDuringCatchUp += 1 }
      // Adapt to this machine's speed: longer delays when a kill gained nothing, shorter when
      // it gained far more than its share.
      let gained = Double(now.stored - last.stored)
      if remaining > 0 && gained == 0 { scale = min(8, scale * 1.2) }
      if gained > 2 * target { scale = max(0.05, scale * 0.7) }
      last = now
    }
    let final = try CLIProcess.run(["run-once", "--config", config, "--now", Fault.end])
    #expect(final.status == 0, "\(final.stderr)")

    // Every window exactly once, the same numbers and the same alert decisions.
    let perWindowCount = try Fault.runsPerWindow(database)
    let history = try DaemonProcessTests.historyJSON(config)
    #expect(perWindowCount.count == Self.windows)
    #expect(perWindowCount.values.allSatisfy { $0 == 1 })
    #expect(try Self.sortedJSON(history) == Self.sortedJSON(expectedHistory))
    #expect(try Self.events(database) == expectedEvents)

    // Every decided notification received, duplicates only as the same id with the same bytes.
    let decided = try Self.outbox(database)
    #expect(decided.map(\.id) == expectedOutbox.map(\.id))
    let undelivered = decided.filter { !$0.delivered }.map(\.id)
    #expect(undelivered.isEmpty, "undelivered: \(undelivered)")
    let received = Array(receiver.requests().dropFirst(referenceReceived))
    let receivedIDs = Dictionary(grouping: received, by: \.id)
    for row in decided {
      let copies = receivedIDs[row.id] ?? []
      #expect(!copies.isEmpty, "notification \(row.id) decided but never received")
      #expect(copies.allSatisfy { $0.bodyHash == row.hash }, "\(row.id) sent with other bytes")
    }
    #expect(Set(receivedIDs.keys) == Set(decided.map(\.id)), "received ids nobody decided")
    let duplicates = received.count - receivedIDs.count
    let check = try CLIProcess.run(["db", "check", "--config", config])
    #expect(check.stdout == "ok\n", "\(check.stdout)\(check.stderr)")

    print(
      """
      fault sigkill: \(kills) kills survived (\(killsDuringCatchUp) during catch-up or delivery, \
      \(finishedOnTheirOwn) runs finished before their kill), \(iteration) restarts, final \
      delay scale \(String(format: "%.2f", scale)); \
      windows checked \(perWindowCount.count), each stored \(Set(perWindowCount.values)) time(s); \
      notifications decided \(decided.count), received \(receivedIDs.count) distinct in \
      \(received.count) requests, duplicated \(duplicates) (same webhook-id); \
      run \(runTime), start-up \(startUp), test \(ContinuousClock.now - started)
      """)
    #expect(
      kills >= Self.killsWanted,
      "only \(kills) kills in \(iteration) restarts: the adaptive delay did not keep up")
    #expect(killsDuringCatchUp >= Self.killsWanted / 2)
  }
}
