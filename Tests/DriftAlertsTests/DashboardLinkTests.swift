import DriftAlertModel
import DriftAlerts
import DriftConfig
import DriftStore
import Foundation
import Testing

/// `http.public_url`: notifications carry the window's dashboard page as `url` (webhook JSON,
/// email bodies), and payloads without it stay byte for byte as before.
@Suite(.serialized) struct DashboardLinkTests {
  static let rule = AlertRule(
    name: "d", condition: .featureDrifted, severity: .critical, notify: ["hook"])

  /// The payload the decider writes for a drifted window of monitor `monitor`.
  static func payload(publicURL: String?, monitor: String = "credit") throws -> [UInt8] {
    var record = AlertHarness.ok(0, drifted: ["income"])
    record.monitor = monitor
    let decision = try AlertDecider.decide(
      rules: [rule], window: record, context: AlertContext(states: [], isRetry: false),
      now: record.window.end + 60, publicURL: publicURL)
    return try #require(decision.notifications.first).payload
  }

  @Test func urlIsTheWindowPageAndOnlyAddsOneKey() throws {
    let with = try Self.payload(publicURL: "https://drift.example.com/base")
    let without = try Self.payload(publicURL: nil)
    let url =
      "https://drift.example.com/base/dashboard/monitors/credit/windows/2026-11-02T00:00:00Z"
    #expect(try PayloadFields(with).json["url"] as? String == url)
    #expect(try PayloadFields(without).json["url"] == nil)
    // Keys are sorted: removing the one key gives exactly the payload without public_url.
    let text = String(decoding: with, as: UTF8.self)
    let expected = text.replacingOccurrences(of: "\"url\":\"\(url)\",", with: "")
    #expect(expected != text)
    #expect(expected == String(decoding: without, as: UTF8.self))
  }

  @Test func monitorNamesArePercentEncodedInTheLink() throws {
    let json = try PayloadFields(
      Self.payload(publicURL: "http://127.0.0.1:9184", monitor: "a b/<c>?")
    ).json
    #expect(
      json["url"] as? String
        == "http://127.0.0.1:9184/dashboard/monitors/a%20b%2F%3Cc%3E%3F/windows/2026-11-02T00:00:00Z"
    )
  }

  @Test func webhookReceiverGetsTheURL() async throws {
    let directory = try TemporaryDirectory()
    let receiver = try WebhookReceiver(
      directory: directory, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    let transport = WebhookTransport()
    let notifier = WebhookNotifier(
      settings: WebhookSettings(url: receiver.url, secret: NotifierSecret(receiver.secret)),
      transport: transport)
    let payload = try Self.payload(publicURL: "https://drift.example.com")
    let outcome = await notifier.deliver(id: "n-url", payload: payload)
    try await transport.shutdown()
    guard case .delivered = outcome else {
      Issue.record("not delivered: \(outcome)")
      return
    }
    let body = try #require(try receiver.requests().first?.body)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    #expect(
      json["url"] as? String
        == "https://drift.example.com/dashboard/monitors/credit/windows/2026-11-02T00:00:00Z")
  }

  @Test(
    .enabled(
      if: SMTPServer.available,
      "aiosmtpd is not installed: run `python3 -m pip install aiosmtpd` to run the SMTP tests"))
  func emailCarriesTheLinkInBothBodies() async throws {
    let directory = try TemporaryDirectory()
    let server = try SMTPServer(directory: directory)
    let smtp = SMTPSettings(
      host: "127.0.0.1", port: server.port, security: .starttls, username: "dw",
      password: .environment("UNUSED"), caFile: server.certificate)
    let notifier = EmailNotifier(
      settings: EmailSettings(
        smtp: smtp, from: "driftwatch@example.com", to: ["ml@example.com"], timeout: 10),
      password: "s3cret")
    let payload = try Self.payload(publicURL: "https://drift.example.com")
    let outcome = await notifier.deliver(id: "n-url-mail", payload: payload)
    guard case .delivered = outcome else {
      Issue.record("not delivered: \(outcome)")
      return
    }
    let message = try #require(try server.messages().first)
    let lines = message.data.replacingOccurrences(of: "\r\n", with: "\n").components(
      separatedBy: "\n")
    let parts = EmailDeliveryTests.base64Parts(lines)
    let url = "https://drift.example.com/dashboard/monitors/credit/windows/2026-11-02T00:00:00Z"
    #expect(parts.first?.contains("Dashboard: \(url)") == true)
    #expect(parts.last?.contains("<a href=\"\(url)\">") == true)
  }
}
