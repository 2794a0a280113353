import DriftAlerts
import DriftConfig
import DriftStore
import Foundation
import Testing

/// Webhook receivers that refuse, reset, hang or trickle their answer: every attempt is bounded
/// by the notifier's timeout, retried with growing backoff under the same webhook-id, delivered
/// once the receiver behaves, and a misbehaving receiver never delays a healthy one.
@Suite(.serialized) struct ReceiverFaultTests {
  /// The notifier's timeout in these tests, seconds.
  static let timeout: Int64 = 1

  static func notifier(_ url: String, transport: WebhookTransport) -> WebhookNotifier {
    WebhookNotifier(
      settings: WebhookSettings(
        url: url, secret: NotifierSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        timeout: timeout, headers: [:], template: nil),
      transport: transport)
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  @Test(arguments: ["refused", "reset", "hang", "slow-head", "slow-body"])
  func faultIsBoundedRetriedWithTheSameIDAndDeliveredOnceItBehaves(fault: String) async throws {
    let directory = try TemporaryDirectory()
    let receiver = try FaultyReceiver(directory: directory, mode: fault == "refused" ? "ok" : fault)
    if fault == "refused" { receiver.stop() }
    let transport = WebhookTransport()
    let store = try Fixtures.store(in: directory)
    try Fixtures.enqueue(store, id: "n-fault", notifiers: ["hook"])
    let dispatcher = Fixtures.dispatcher(
      store, ["hook": Self.notifier(receiver.url, transport: transport)])

    // Two failed attempts: each ends within the timeout (plus start-up margin), none delivers,
    // and the second waits longer than the first (exponential backoff with jitter, seeded).
    var now = Fixtures.t0
    var waits = [Int64]()
    for attempt in 1...2 {
      let before = ContinuousClock.now
      let pass = await dispatcher.deliverPending(now: now)
      let elapsed = ContinuousClock.now - before
      #expect(pass.retried == 1, "attempt \(attempt) of \(fault): \(pass.attempts)")
      #expect(
        Self.seconds(elapsed) < Double(Self.timeout) + 3,
        "attempt \(attempt) of \(fault) took \(elapsed); the timeout is \(Self.timeout) s")
      let row = try #require(try store.outboxRows(notificationID: "n-fault").first)
      #expect(row.attempts == attempt && row.deliveredAt == nil)
      waits.append(row.nextAttemptAt - now)
      // Not due before its time: nothing is sent.
      #expect(await dispatcher.deliverPending(now: row.nextAttemptAt - 1).attempts.isEmpty)
      now = row.nextAttemptAt
    }
    #expect(waits[0] >= 1 && waits[0] <= 30 && waits[1] >= 1 && waits[1] <= 60, "\(waits)")

    // The receiver behaves again: delivered once, and nothing more afterwards.
    if fault == "refused" { try receiver.start() }
    try receiver.setMode("ok")
    #expect(await dispatcher.deliverPending(now: now).delivered == 1)
    #expect(await dispatcher.deliverPending(now: now + 86_000).attempts.isEmpty)
    let requests = receiver.requests()
    #expect(requests.allSatisfy { $0.id == "n-fault" }, "\(requests.map(\.id))")
    #expect(requests.filter { $0.mode == "ok" }.count == 1)
    #expect(requests.count == (fault == "refused" ? 1 : 3), "\(requests.map(\.mode))")
    print(
      "fault receiver \(fault): \(requests.count) requests for 3 attempts, backoff waits \(waits) s, "
        + "delivered once")
    try await transport.shutdown()
  }

  /// While one receiver hangs, another gets all of its notifications at once.
  @Test func aHangingReceiverNeverDelaysAHealthyOne() async throws {
    let directory = try TemporaryDirectory()
    let hanging = try FaultyReceiver(directory: directory, mode: "hang")
    let healthyDirectory = try TemporaryDirectory()
    let healthy = try FaultyReceiver(directory: healthyDirectory, mode: "ok")
    let transport = WebhookTransport()
    let store = try Fixtures.store(in: directory)
    for index in 1...3 {
      try Fixtures.enqueue(store, id: "n-\(index)", notifiers: ["stuck", "fine"])
    }
    let dispatcher = Fixtures.dispatcher(
      store,
      [
        "stuck": Self.notifier(hanging.url, transport: transport),
        "fine": Self.notifier(healthy.url, transport: transport),
      ])
    let started = Date().timeIntervalSince1970
    let pass = await dispatcher.deliverPending(now: Fixtures.t0)
    let finished = Date().timeIntervalSince1970
    let fine = pass.attempts.filter { $0.notifier == "fine" }
    let stuck = pass.attempts.filter { $0.notifier == "stuck" }
    #expect(fine.count == 3 && fine.allSatisfy { $0.outcome == .delivered("HTTP 200: ok") })
    // The stuck lane tried one row, timed out, and holds the rest until its backoff ends.
    #expect(stuck.count == 1 && pass.deferred == 2)
    let arrivals = healthy.requests().map { $0.time - started }
    #expect(arrivals.count == 3)
    // Every healthy delivery arrived before the hanging attempt had even timed out.
    let hungFor = finished - started
    #expect(hungFor >= Double(Self.timeout) * 0.9)
    #expect(arrivals.allSatisfy { $0 < hungFor }, "arrivals \(arrivals), hang \(hungFor) s")
    print(
      "fault receiver hang: healthy receiver got 3 notifications after "
        + "\(arrivals.map { String(format: "%.2f", $0) }) s while the other hung \(String(format: "%.2f", hungFor)) s"
    )
    try await transport.shutdown()
  }
}
