import DriftAlerts
import DriftConfig
import Foundation
import Testing

/// The command notifier: a real program, the payload on stdin, no shell.
struct CommandDeliveryTests {
  @Test func programReceivesThePayloadOnStdin() async throws {
    let directory = try TemporaryDirectory()
    let out = directory.file("alert.json")
    let notifier = CommandNotifier(
      settings: CommandSettings(
        arguments: [
          "/bin/sh", "-c", "cat > \"$1\"; echo wrote \"$DRIFTWATCH_NOTIFICATION_ID\"",
          "sh", out,
        ],
        timeout: 5))
    let payload = Fixtures.payload(id: "n-cmd")
    let outcome = await notifier.deliver(id: "n-cmd", payload: payload)
    #expect(outcome == .delivered("/bin/sh exited 0: wrote n-cmd"))
    #expect(FileManager.default.contents(atPath: out).map { [UInt8]($0) } == payload)
  }

  @Test func nonZeroExitIsRetried() async {
    let notifier = CommandNotifier(
      settings: CommandSettings(arguments: ["/bin/sh", "-c", "echo no route >&2; exit 7"]))
    let outcome = await notifier.deliver(id: "n", payload: [])
    #expect(outcome == .retry(after: nil, reason: "/bin/sh exited 7: no route"))
  }

  @Test func programThatOverrunsIsKilledAndRetried() async {
    let notifier = CommandNotifier(
      settings: CommandSettings(arguments: ["/bin/sleep", "30"], timeout: 1))
    let started = Date()
    let outcome = await notifier.deliver(id: "n", payload: Array(repeating: 65, count: 200_000))
    #expect(Date().timeIntervalSince(started) < 5)
    #expect(outcome == .retry(after: nil, reason: "/bin/sleep timed out and was killed"))
  }

  @Test func missingProgramIsRetriedWithTheReason() async {
    let notifier = CommandNotifier(settings: CommandSettings(arguments: ["/nonexistent/page"]))
    guard case .retry(_, let reason) = await notifier.deliver(id: "n", payload: []) else {
      Issue.record("expected a retry")
      return
    }
    #expect(reason.hasPrefix("cannot start /nonexistent/page"))
  }

  @Test func sendmailGetsTheMessageWithRecipientsFromHeaders() async throws {
    let directory = try TemporaryDirectory()
    let fake = directory.file("sendmail")
    try directory.write("sendmail", "#!/bin/sh\necho \"$@\" > \"$0.args\"\ncat > \"$0.msg\"\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
    let notifier = SendmailNotifier(
      settings: SendmailSettings(path: fake, from: "dw@example.com", to: ["ml@example.com"]))
    let outcome = await notifier.deliver(id: "n-sm", payload: Fixtures.payload(id: "n-sm"))
    #expect(outcome == .delivered("\(fake) exited 0"))
    let args = try String(contentsOfFile: fake + ".args", encoding: .utf8)
    #expect(args == "-t -oi -f dw@example.com\n")
    let message = try String(contentsOfFile: fake + ".msg", encoding: .utf8)
    #expect(message.contains("\nMessage-ID: <n-sm@driftwatch>\n"))
    #expect(message.contains("\nTo: ml@example.com\n"))
    #expect(!message.contains("\r"))
  }
}
