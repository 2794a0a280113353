import DriftAlerts
import DriftStore
import Foundation
import Testing

/// A notifier that answers from a script of outcomes, or never.
final class ScriptedNotifier: Notifier, @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var delivered: [String] = []
  let hangs: Bool
  let timeout: Int64

  init(hangs: Bool = false, timeout: Int64 = 1) {
    self.hangs = hangs
    self.timeout = timeout
  }

  var ids: [String] { lock.withLock { delivered } }

  func deliver(id: String, payload: [UInt8]) async -> DeliveryOutcome {
    if hangs {
      // Ignores cancellation, like a blocking call would.
      let until = Date().addingTimeInterval(60)
      while Date() < until, !Task.isCancelled {
        try? await Task.sleep(for: .milliseconds(50))
      }
      return .delivered("too late")
    }
    lock.withLock { delivered.append(id) }
    return .delivered("ok")
  }
}

struct DispatcherTests {
  @Test func hangingNotifierDoesNotBlockAnother() async throws {
    let directory = try TemporaryDirectory()
    let store = try Fixtures.store(in: directory)
    let now = Int64(Date().timeIntervalSince1970)
    let slow = ScriptedNotifier(hangs: true, timeout: 30)
    let fast = ScriptedNotifier()
    try Fixtures.enqueue(store, id: "a", notifiers: ["slow", "fast"], at: now)
    let dispatcher = Fixtures.dispatcher(store, ["slow": slow, "fast": fast])
    let running = Task { await dispatcher.run() }
    let started = Date()
    while fast.ids.isEmpty, Date().timeIntervalSince(started) < 5 {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(fast.ids == ["a"])
    // A notification decided while the slow receiver still hangs goes out too.
    try Fixtures.enqueue(store, id: "b", notifiers: ["slow", "fast"], at: now)
    while fast.ids.count < 2, Date().timeIntervalSince(started) < 8 {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(fast.ids == ["a", "b"])
    #expect(Date().timeIntervalSince(started) < 8)
    running.cancel()
    let rows = try store.outboxRows(notificationID: "a")
    #expect(rows.first { $0.notifier == "fast" }?.deliveredAt != nil)
    #expect(rows.first { $0.notifier == "slow" }?.deliveredAt == nil)
  }

  @Test func overrunningAttemptIsAbandonedAndRetried() async throws {
    let directory = try TemporaryDirectory()
    let store = try Fixtures.store(in: directory)
    try Fixtures.enqueue(store, id: "a", notifiers: ["slow"])
    let dispatcher = Fixtures.dispatcher(store, ["slow": ScriptedNotifier(hangs: true, timeout: 0)])
    let started = Date()
    let pass = await dispatcher.deliverPending(now: Fixtures.t0)
    #expect(Date().timeIntervalSince(started) < 8)
    #expect(pass.attempts.first?.outcome == .retry(after: nil, reason: "no answer within 5s"))
  }

  @Test func rowsOlderThanMaxAgeAreDeadLettered() async throws {
    let directory = try TemporaryDirectory()
    let store = try Fixtures.store(in: directory)
    try Fixtures.enqueue(store, id: "old", notifiers: ["fast"])
    try store.markRetry(
      notificationID: "old", notifier: "fast", nextAttemptAt: Fixtures.t0 + 10, error: "HTTP 503")
    try Fixtures.enqueue(store, id: "orphan", notifiers: ["removed"])
    let fast = ScriptedNotifier()
    let dispatcher = Fixtures.dispatcher(store, ["fast": fast], maxAge: 3600)
    let pass = await dispatcher.deliverPending(now: Fixtures.t0 + 3600)
    #expect(pass.expired == 2)
    #expect(fast.ids.isEmpty)
    let dead = Dictionary(
      uniqueKeysWithValues: try store.deadLetters().map { ($0.notificationID, $0) })
    #expect(
      dead["old"]?.deadReason == "not delivered within 3600s after 1 attempts; last error: HTTP 503"
    )
    #expect(dead["orphan"]?.deadReason == "no notifier named 'removed' in the configuration")
    #expect(try store.outboxBacklog() == DriftStore.OutboxBacklog(pending: 0, dead: 2))
  }

  @Test func backoffIsSeededExponentialAndCapped() {
    let a = Backoff(base: 30, cap: 3600, seed: 7)
    let b = Backoff(base: 30, cap: 3600, seed: 7)
    let first = (1...12).map { a.delay(afterAttempts: $0) }
    #expect(first == (1...12).map { b.delay(afterAttempts: $0) })
    for (index, delay) in first.enumerated() {
      let ceiling = min(3600, Int64(30) << Int64(index))
      #expect((1...ceiling).contains(delay))
    }
  }
}
