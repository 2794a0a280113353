import DriftAlerts
import DriftConfig
import Foundation
import Testing

/// The email notifier (libcurl) against a real SMTP server with STARTTLS and AUTH.
@Suite(
  .serialized,
  .enabled(
    if: SMTPServer.available,
    "aiosmtpd is not installed: run `python3 -m pip install aiosmtpd` to run the SMTP tests"))
struct EmailDeliveryTests {
  let directory: TemporaryDirectory
  let server: SMTPServer

  init() throws {
    directory = try TemporaryDirectory()
    server = try SMTPServer(directory: directory)
  }

  func notifier(to: [String] = ["ml@example.com"], password: String = "s3cret") -> EmailNotifier {
    let smtp = SMTPSettings(
      host: "127.0.0.1", port: server.port, security: .starttls, username: "dw",
      password: .environment("UNUSED"), caFile: server.certificate)
    return EmailNotifier(
      settings: EmailSettings(smtp: smtp, from: "driftwatch@example.com", to: to, timeout: 10),
      password: password)
  }

  @Test func messageArrivesOverStartTLSWithHeadersAndBothBodies() async throws {
    let outcome = await notifier().deliver(
      id: "n-mail-1", payload: Fixtures.payload(id: "n-mail-1"))
    guard case .delivered(let detail) = outcome else {
      Issue.record("not delivered: \(outcome)")
      return
    }
    #expect(detail.contains("<n-mail-1@driftwatch>"))
    let message = try #require(try server.messages().first)
    #expect(message.tls && message.auth)
    #expect(message.from == "driftwatch@example.com")
    #expect(message.to == ["ml@example.com"])
    // "\r\n" is one Character in Swift: normalize before splitting.
    let lines = message.data.replacingOccurrences(of: "\r\n", with: "\n").components(
      separatedBy: "\n")
    #expect(lines.contains("Message-ID: <n-mail-1@driftwatch>"))
    #expect(
      lines.contains(
        "Subject: [driftwatch] FIRING critical: credit-model feature-drift (income, region)"))
    #expect(lines.contains { $0.hasPrefix("Date: ") })
    #expect(lines.contains { $0.hasPrefix("Content-Type: multipart/alternative; boundary=") })
    #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
    #expect(lines.contains("Content-Type: text/html; charset=utf-8"))
    let parts = Self.base64Parts(lines)
    #expect(parts.count == 2)
    #expect(parts.first?.contains("income: firing") == true)
    #expect(
      parts.first?.contains("ks statistic 0.31, p 1.2e-4, threshold p < 0.01: drifted") == true)
    #expect(parts.last?.contains("<td>income</td>") == true)
  }

  @Test func rejectedRecipientIsDead() async throws {
    let outcome = await notifier(to: ["nobody@example.com"]).deliver(
      id: "n-mail-2", payload: Fixtures.payload(id: "n-mail-2"))
    guard case .dead(let reason) = outcome else {
      Issue.record("expected dead, got \(outcome)")
      return
    }
    #expect(reason.contains("SMTP 550"))
    #expect(try server.messages().isEmpty)
  }

  @Test func wrongPasswordIsDeadAndNeverShown() async throws {
    let outcome = await notifier(password: "hunter2-wrong").deliver(
      id: "n-mail-3", payload: Fixtures.payload(id: "n-mail-3"))
    guard case .dead(let reason) = outcome else {
      Issue.record("expected dead, got \(outcome)")
      return
    }
    #expect(reason.contains("535"))
    #expect(!reason.contains("hunter2"))
  }

  @Test func serverDownIsRetried() async throws {
    server.stop()
    let outcome = await notifier().deliver(
      id: "n-mail-4", payload: Fixtures.payload(id: "n-mail-4"))
    guard case .retry(nil, let reason) = outcome else {
      Issue.record("expected retry, got \(outcome)")
      return
    }
    #expect(!reason.isEmpty)
  }

  /// The decoded base64 bodies of a multipart message.
  static func base64Parts(_ lines: [String]) -> [String] {
    var parts: [String] = []
    var current: String?
    var inBody = false
    for line in lines {
      if line.hasPrefix("--driftwatch-") {
        if let current, let data = Data(base64Encoded: current) {
          parts.append(String(decoding: data, as: UTF8.self))
        }
        current = ""
        inBody = false
      } else if current != nil, !inBody, line.isEmpty {
        inBody = true
      } else if inBody {
        current? += line
      }
    }
    return parts
  }
}
