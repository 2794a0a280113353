import Foundation
import Testing

@testable import DriftAlerts

/// Signatures, Retry-After, message text.
struct MessageTests {
  /// The example of the Standard Webhooks reference libraries.
  @Test func signatureMatchesTheStandardWebhooksExample() {
    let signer = WebhookSignature(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    let header = signer.header(
      id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330,
      body: Array(#"{"test": 2432232314}"#.utf8))
    #expect(header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
  }

  @Test func retryAfterReadsSecondsAndDates() {
    let now = Date(timeIntervalSince1970: 1_445_412_480)
    #expect(RetryAfter.seconds("120", now: now) == 120)
    #expect(RetryAfter.seconds("Wed, 21 Oct 2015 07:30:00 GMT", now: now) == 120)
    #expect(RetryAfter.seconds("soon", now: now) == nil)
    #expect(RetryAfter.seconds(nil, now: now) == nil)
  }

  @Test func statusesMapToOutcomes() {
    let now = Date()
    #expect(
      WebhookNotifier.outcome(status: 204, body: "", retryAfter: nil, now: now)
        == .delivered("HTTP 204"))
    for status: UInt in [408, 429, 500, 502, 503] {
      guard
        case .retry = WebhookNotifier.outcome(status: status, body: "", retryAfter: nil, now: now)
      else {
        Issue.record("\(status) should retry")
        continue
      }
    }
    for status: UInt in [400, 401, 404, 410, 422] {
      #expect(
        WebhookNotifier.outcome(status: status, body: "x", retryAfter: nil, now: now)
          == .dead("HTTP \(status): x"))
    }
    #expect(
      WebhookNotifier.outcome(status: 301, body: "x", retryAfter: nil, now: now)
        == .dead("HTTP 301: x (redirects are not followed: configure the URL it points to)"))
  }

  @Test func subjectNamesStatusSeverityMonitorRuleAndFeatures() {
    let message = AlertMessage(
      payload: PayloadView(bytes: Fixtures.payload(id: "x", status: "resolved")))
    #expect(
      message.subject
        == "[driftwatch] RESOLVED critical: credit-model feature-drift (income, region)")
    #expect(EmailMessage.encodedHeader("drift in Zürich") == "=?utf-8?B?ZHJpZnQgaW4gWsO8cmljaA==?=")
    let email = EmailMessage(
      from: "a@b.c", to: ["d@e.f"], id: "id with/odd:chars", message: message, date: Date())
    #expect(email.messageID == "<id_with_odd_chars@driftwatch>")
  }
}
