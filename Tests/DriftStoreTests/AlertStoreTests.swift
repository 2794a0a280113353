import DriftAlertModel
import DriftStore
import Foundation
import Testing

@Suite struct AlertStoreTests {
  static func firing(_ window: Int64, notifiers: [String] = ["ops", "mail"]) -> AlertDecision {
    let start = Fixtures.window(window).start
    return AlertDecision(
      states: [
        AlertStateRow(
          rule: "drift", feature: "income", state: .firing, consecutive: 1, since: start,
          lastWindowStart: start, lastNotifiedAt: Fixtures.window(window).end)
      ],
      events: [
        AlertTransition(
          rule: "drift", feature: "income", from: .inactive, to: .firing, severity: "warning",
          notificationID: "n\(window)")
      ],
      notifications: [
        OutboxNotification(id: "n\(window)", notifiers: notifiers, payload: Array("{}".utf8))
      ])
  }

  @Test func windowStatesEventsAndOutboxRowsAreStoredTogether() throws {
    let dir = try ScratchDirectory()
    let store = try DriftStore(path: dir.path("h.db"))
    var seen: [AlertContext] = []
    try store.record(Fixtures.ok(window: 0), replace: false, now: 100) { context in
      seen.append(context)
      return Self.firing(0)
    }
    #expect(seen == [AlertContext(states: [], isRetry: false)])
    try store.record(Fixtures.ok(window: 1), replace: false, now: 200) { context in
      seen.append(context)
      return .none
    }
    #expect(seen[1].states == Self.firing(0).states)
    let events = try store.alertEvents(monitor: "credit")
    #expect(events.count == 1)
    #expect(events[0].notificationID == "n0" && events[0].createdAt == 100)
    #expect(
      events[0].deliveries == [
        NotifierDelivery(notifier: "mail", status: .pending, attempts: 0),
        NotifierDelivery(notifier: "ops", status: .pending, attempts: 0),
      ])
    #expect(try store.alertEvents(monitor: "credit", since: Fixtures.window(1).start).isEmpty)
    #expect(try store.alertEvents(monitor: "other").isEmpty)
  }

  @Test func aFailingOutboxInsertLeavesNoWindowRow() throws {
    let dir = try ScratchDirectory()
    let store = try DriftStore(path: dir.path("h.db"))
    // The same notifier twice violates the outbox primary key.
    #expect(throws: StoreError.self) {
      try store.record(Fixtures.ok(window: 0), replace: false, now: 1) { _ in
        Self.firing(0, notifiers: ["ops", "ops"])
      }
    }
    #expect(
      try store.windowStates(monitor: "credit", from: 0, to: Fixtures.window(9).end).isEmpty)
    #expect(try store.alertStates(monitor: "credit").isEmpty)
    #expect(try store.alertEvents(monitor: nil).isEmpty)
  }

  @Test func aThrowingDecisionLeavesNoWindowRow() throws {
    struct Boom: Error {}
    let dir = try ScratchDirectory()
    let store = try DriftStore(path: dir.path("h.db"))
    #expect(throws: StoreError.self) {
      try store.record(Fixtures.ok(window: 0), replace: false, now: 1) { _ in throw Boom() }
    }
    #expect(
      try store.windowStates(monitor: "credit", from: 0, to: Fixtures.window(9).end).isEmpty)
  }

  @Test func statesSurviveReopenAndRetriesAreFlagged() throws {
    let dir = try ScratchDirectory()
    do {
      let store = try DriftStore(path: dir.path("h.db"))
      try store.record(Fixtures.failed(window: 0), replace: false, now: 1) { _ in
        Self.firing(0)
      }
    }
    let reopened = try DriftStore(path: dir.path("h.db"))
    #expect(try reopened.alertStates(monitor: "credit") == Self.firing(0).states)
    var retry: Bool?
    try reopened.record(Fixtures.ok(window: 0), replace: false, now: 2) { context in
      retry = context.isRetry
      return .none
    }
    #expect(retry == true)
    let readOnly = try DriftStore.openReadOnly(path: dir.path("h.db"))
    #expect(try readOnly.alertEvents(monitor: nil).map(\.rule) == ["drift"])
  }
}
