import DriftAlerts
import DriftConfig
import DriftStore
import Foundation
import Testing

/// The webhook notifier and the dispatcher against a real HTTP receiver on 127.0.0.1.
@Suite(.serialized) struct WebhookDeliveryTests {
  let directory: TemporaryDirectory
  let receiver: WebhookReceiver
  let transport = WebhookTransport()
  let store: DriftStore

  init() throws {
    directory = try TemporaryDirectory()
    receiver = try WebhookReceiver(
      directory: directory, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    store = try Fixtures.store(in: directory)
  }

  func notifier(timeout: Int64 = 5, template: WebhookSettings.Template? = nil) -> WebhookNotifier {
    WebhookNotifier(
      settings: WebhookSettings(
        url: receiver.url, secret: NotifierSecret(receiver.secret), timeout: timeout,
        headers: ["X-Team": "ml"], template: template),
      transport: transport)
  }

  @Test func receiverDownThenUpDeliversEveryNotificationOnce() async throws {
    for index in 1...3 { try Fixtures.enqueue(store, id: "n-\(index)", notifiers: ["hook"]) }
    receiver.stop()
    let dispatcher = Fixtures.dispatcher(store, ["hook": notifier()])
    let down = await dispatcher.deliverPending(now: Fixtures.t0)
    #expect(down.retried == 1)
    #expect(down.deferred == 2)
    #expect(try store.outboxBacklog().pending == 3)
    try receiver.start()
    let up = await dispatcher.deliverPending(now: Fixtures.t0 + 3600)
    #expect(up.delivered == 3)
    let requests = try receiver.requests()
    #expect(Set(requests.map(\.id)) == ["n-1", "n-2", "n-3"])
    #expect(requests.count == 3)
    #expect(requests.allSatisfy { $0.signatureOK })
    #expect(try store.outboxBacklog() == DriftStore.OutboxBacklog(pending: 0, dead: 0))
    try await transport.shutdown()
  }

  @Test func serverErrorsAreRetriedWithTheSameID() async throws {
    try Fixtures.enqueue(store, id: "n-500", notifiers: ["hook"])
    try receiver.setMode(.status(500))
    let dispatcher = Fixtures.dispatcher(store, ["hook": notifier()])
    let first = await dispatcher.deliverPending(now: Fixtures.t0)
    #expect(first.attempts.first?.outcome == .retry(after: nil, reason: "HTTP 500: broken"))
    let row = try #require(try store.outboxRows(notificationID: "n-500").first)
    #expect(row.attempts == 1)
    #expect(row.nextAttemptAt > Fixtures.t0 && row.nextAttemptAt <= Fixtures.t0 + 30)
    #expect(row.lastError == "HTTP 500: broken")
    // Not due yet: nothing is sent.
    #expect(await dispatcher.deliverPending(now: row.nextAttemptAt - 1).attempts.isEmpty)
    try receiver.setMode(.ok)
    let second = await dispatcher.deliverPending(now: row.nextAttemptAt)
    #expect(second.delivered == 1)
    let requests = try receiver.requests()
    #expect(requests.map(\.id) == ["n-500", "n-500"])
    #expect(try store.outboxRows(notificationID: "n-500").first?.deliveredAt == row.nextAttemptAt)
    try await transport.shutdown()
  }

  @Test(arguments: ["120", "HTTP-DATE"])
  func tooManyRequestsHonoursRetryAfter(header: String) async throws {
    let now = Int64(Date().timeIntervalSince1970)
    try Fixtures.enqueue(store, id: "n-429", notifiers: ["hook"], at: now)
    let value =
      header == "120"
      ? "120" : httpDate(Date(timeIntervalSince1970: TimeInterval(now + 300)))
    try receiver.setMode(.tooMany(retryAfter: value))
    let dispatcher = Fixtures.dispatcher(store, ["hook": notifier()])
    let pass = await dispatcher.deliverPending(now: now)
    guard case .retry(let after, let reason) = pass.attempts.first?.outcome else {
      Issue.record("expected a retry, got \(pass.attempts)")
      return
    }
    #expect(reason.hasPrefix("HTTP 429"))
    let row = try #require(try store.outboxRows(notificationID: "n-429").first)
    if header == "120" {
      #expect(after == 120)
      #expect(row.nextAttemptAt == now + 120)
    } else {
      #expect((298...301).contains(after ?? 0))
    }
    try await transport.shutdown()
  }

  @Test func receiverThatNeverAnswersTimesOutAndIsRetried() async throws {
    try Fixtures.enqueue(store, id: "n-hang", notifiers: ["hook"])
    try receiver.setMode(.hang)
    let dispatcher = Fixtures.dispatcher(store, ["hook": notifier(timeout: 1)])
    let started = Date()
    let pass = await dispatcher.deliverPending(now: Fixtures.t0)
    #expect(Date().timeIntervalSince(started) < 5)
    #expect(pass.attempts.first?.outcome == .retry(after: nil, reason: "timed out"))
    #expect(try store.outboxBacklog().pending == 1)
    try await transport.shutdown()
  }

  @Test func badRequestIsDeadAtOnceWithTheReason() async throws {
    try Fixtures.enqueue(store, id: "n-400", notifiers: ["hook"])
    try receiver.setMode(.status(400))
    let dispatcher = Fixtures.dispatcher(store, ["hook": notifier()])
    let pass = await dispatcher.deliverPending(now: Fixtures.t0)
    #expect(pass.dead == 1)
    let dead = try store.deadLetters()
    #expect(dead.map(\.notificationID) == ["n-400"])
    #expect(dead.first?.deadReason == "HTTP 400: bad payload")
    #expect(try store.outboxBacklog() == DriftStore.OutboxBacklog(pending: 0, dead: 1))
    #expect(await dispatcher.deliverPending(now: Fixtures.t0 + 86_000).attempts.isEmpty)
    try await transport.shutdown()
  }

  @Test func slackTemplateSendsText() async throws {
    let outcome = await notifier(template: .slack).deliver(
      id: "n-slack", payload: Fixtures.payload(id: "n-slack"))
    #expect(outcome == .delivered("HTTP 200: thanks"))
    let body = try #require(try receiver.requests().first?.body)
    let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
    let text = try #require(object?["text"])
    #expect(object?.count == 1)
    #expect(
      text.contains("[driftwatch] FIRING critical: credit-model feature-drift (income, region)"))
    #expect(text.contains("income"))
    #expect(text.contains("driftwatch history --monitor credit-model"))
    try await transport.shutdown()
  }

  /// A crash between the send and the mark: the row is still pending, so a restarted
  /// dispatcher sends it again with the same webhook-id (one duplicate, no loss).
  @Test func crashBetweenSendAndMarkGivesOneDuplicate() async throws {
    try Fixtures.enqueue(store, id: "n-crash", notifiers: ["hook"])
    let row = try #require(try store.pendingDeliveries(now: Fixtures.t0).first)
    _ = await notifier().deliver(id: row.notificationID, payload: row.payload)
    // ... killed here, before markDelivered ...
    let restarted = Fixtures.dispatcher(try Fixtures.store(in: directory), ["hook": notifier()])
    #expect(await restarted.deliverPending(now: Fixtures.t0 + 5).delivered == 1)
    #expect(try receiver.requests().map(\.id) == ["n-crash", "n-crash"])
    #expect(await restarted.deliverPending(now: Fixtures.t0 + 10).attempts.isEmpty)
    try await transport.shutdown()
  }
}

/// An IMF-fixdate for `Retry-After`.
func httpDate(_ date: Date) -> String {
  let formatter = DateFormatter()
  formatter.locale = Locale(identifier: "en_US_POSIX")
  formatter.timeZone = TimeZone(identifier: "GMT")
  formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
  return formatter.string(from: date)
}
