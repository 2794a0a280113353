import Foundation
import Logging
import Testing

@testable import DriftDaemon

@Suite struct DaemonLogHandlerTests {
  let date = Date(timeIntervalSince1970: 1_795_000_000.25)

  @Test(arguments: [
    (Logger.Level.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
  ])
  func journalLinesStartWithTheSyslogPriority(level: Logger.Level, priority: Int) {
    let handler = DaemonLogHandler(label: "driftwatch", format: .journal, level: .trace)
    #expect(
      handler.render(level: level, message: "two\nlines", metadata: ["k": "v"], date: date)
        == "<\(priority)>two lines k=v")
  }

  @Test func textLinesHaveTimeAndLevel() {
    let handler = DaemonLogHandler(label: "driftwatch", format: .text, level: .info)
    #expect(
      handler.render(level: .warning, message: "late", metadata: [:], date: date)
        == "2026-11-18T11:06:40.250Z warning late")
  }

  @Test func jsonLinesAreObjectsWithEscapedStrings() throws {
    let handler = DaemonLogHandler(label: "driftwatch", format: .json, level: .info)
    let line = handler.render(
      level: .error, message: "a \"quoted\"\tpath\u{1}", metadata: ["monitor": "m"], date: date)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
    #expect(object["message"] == "a \"quoted\"\tpath\u{1}")
    #expect(object["level"] == "error" && object["monitor"] == "m")
  }

  @Test func secretsInMetadataAreRedacted() {
    let handler = DaemonLogHandler(label: "driftwatch", format: .journal, level: .info)
    let line = handler.render(
      level: .info, message: "sent",
      metadata: ["Authorization": "Bearer abc", "smtp_password": "hunter2", "url": "x"], date: date)
    #expect(!line.contains("abc") && !line.contains("hunter2"))
    #expect(line == "<6>sent Authorization=<redacted> smtp_password=<redacted> url=x")
  }

  @Test func journalFormatOnlyWhenStandardErrorIsTheJournalStream() {
    #expect(LogFormat.detect(environment: [:]) == .text)
    #expect(LogFormat.detect(environment: ["JOURNAL_STREAM": "1:1"]) == .text)
    var status = stat()
    fstat(2, &status)
    #expect(
      LogFormat.detect(environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"])
        == .journal)
  }

  @Test func notifierNeedsAnAbsolutePathOrAbstractName() {
    #expect(!SystemdNotifier(environment: [:]).isEnabled)
    #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative"]).isEnabled)
    #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "@name"]).isEnabled)
    #expect(!SystemdNotifier(environment: [:]).send("READY=1"))
  }

  @Test func heartbeatFlagsOversleptAndOverlongLoops() {
    let heartbeat = Heartbeat(evaluationLimit: .seconds(60), wakeGrace: .seconds(5))
    let now = ContinuousClock.now
    heartbeat.set("sleeping", .waiting(until: now + .seconds(30)))
    heartbeat.set("queued", .queued)
    heartbeat.set("working", .evaluating(since: now - .seconds(10)))
    #expect(heartbeat.stuckMonitors(now: now).isEmpty)
    #expect(heartbeat.stuckMonitors(now: now + .seconds(36)) == ["sleeping"])
    #expect(heartbeat.stuckMonitors(now: now + .seconds(51)) == ["sleeping", "working"])
  }
}
