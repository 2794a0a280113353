import DriftAlerts
import DriftConfig
import DriftStore
import Testing

@Suite struct AlertStateMachineTests {
  static let drift: Set<String> = ["age", "income"]

  /// D = both features drifted, N = none; `for: 2`, `repeat: 3h`, hourly windows.
  static let flapping: [Bool] =
    [true, false, true, true, true, true, true, false, true, false]
    + [true, true]

  @Test(arguments: [true, false])
  func flappingWithForTwoAndRepeat(sendResolved: Bool) throws {
    var harness = AlertHarness([
      AlertRule(
        name: "drift", condition: .featureDrifted, forWindows: 2, notify: ["ops"],
        repeatInterval: 3 * 3600, sendResolved: sendResolved)
    ])
    for (index, drifted) in Self.flapping.enumerated() {
      try harness.run(AlertHarness.ok(Int64(index), drifted: drifted ? Self.drift : []))
    }
    // 3: firing after two drifted windows; 6: repeat (3h after the end of window 3);
    // 7: resolved; 8-9 pending then inactive; 11: firing again.
    let expected =
      sendResolved
      ? ["3:firing", "6:firing", "7:resolved", "11:firing"] : ["3:firing", "6:firing", "11:firing"]
    #expect(harness.sent == expected)
    // One notification per window groups both features.
    #expect(harness.notifications.allSatisfy { $0.features == ["age", "income"] })
    #expect(harness.state("drift", "age") == .firing)
    #expect(Set(harness.notifications.map(\.id)).count == expected.count)
  }

  @Test func resolvedBecomesInactiveOnTheNextQuietWindow() throws {
    var harness = AlertHarness([AlertRule(name: "d", condition: .featureDrifted)])
    try harness.run(AlertHarness.ok(0, drifted: ["age"]))
    #expect(harness.state("d", "age") == .firing)
    #expect(harness.state("d", "income") == .inactive)
    try harness.run(AlertHarness.ok(1, drifted: []))
    #expect(harness.state("d", "age") == .resolved)
    try harness.run(AlertHarness.ok(2, drifted: []))
    #expect(harness.state("d", "age") == .inactive)
    #expect(harness.sent == ["0:firing", "1:resolved"])
    #expect(harness.notifications[0].features == ["age"])
  }

  @Test func aFeatureThatResolvesWhileAnotherFiresSharesOneNotification() throws {
    var harness = AlertHarness([AlertRule(name: "d", condition: .featureDrifted)])
    try harness.run(AlertHarness.ok(0, drifted: ["age"]))
    try harness.run(AlertHarness.ok(1, drifted: ["income"]))
    #expect(harness.sent == ["0:firing", "1:firing"])
    #expect(harness.notifications[1].features == ["income", "age"])
    let told = harness.events.filter { $0.notificationID == harness.notifications[1].id }
    #expect(
      told.map { "\($0.feature):\($0.from)->\($0.to)" } == [
        "age:firing->resolved", "income:inactive->firing",
      ])
  }

  @Test func featureFilterIgnoresOtherFeatures() throws {
    var harness = AlertHarness([
      AlertRule(name: "age-only", condition: .featureDrifted, features: ["age"])
    ])
    try harness.run(AlertHarness.ok(0, drifted: ["income"]))
    #expect(harness.sent.isEmpty)
    #expect(harness.state("age-only", "income") == nil)
    try harness.run(AlertHarness.ok(1, drifted: ["age", "income"]))
    #expect(harness.sent == ["1:firing"])
    #expect(harness.notifications[0].features == ["age"])
  }

  @Test func datasetShare() throws {
    var harness = AlertHarness([
      AlertRule(name: "any", condition: .datasetDrifted(share: 0.5)),
      AlertRule(name: "all", condition: .datasetDrifted(share: 1)),
    ])
    try harness.run(AlertHarness.ok(0, drifted: ["age"]))
    #expect(harness.state("any") == .firing)
    #expect(harness.state("all") == .inactive)
    #expect(harness.notifications.map(\.features) == [[""]])
  }

  @Test func noDataRule() throws {
    var harness = AlertHarness([AlertRule(name: "quiet", condition: .noData, forWindows: 2)])
    try harness.run(AlertHarness.status(0, .insufficientData))
    #expect(harness.state("quiet") == .pending)
    // A failed window says nothing about the amount of data: the count holds.
    try harness.run(AlertHarness.status(1, .failed))
    #expect(harness.state("quiet") == .pending)
    try harness.run(AlertHarness.status(2, .insufficientData))
    try harness.run(AlertHarness.ok(3, drifted: []))
    #expect(harness.sent == ["2:firing", "3:resolved"])
  }

  @Test func failedRuleResolvesWhenTheRetryOfTheSameWindowSucceeds() throws {
    var harness = AlertHarness([
      AlertRule(name: "broken", condition: .failed, severity: .critical, sendResolved: true)
    ])
    try harness.run(AlertHarness.status(0, .failed))
    #expect(harness.state("broken") == .firing)
    // A retry that fails again neither re-notifies nor moves the state.
    try harness.run(AlertHarness.status(0, .failed), isRetry: true)
    try harness.run(AlertHarness.ok(0, drifted: []), isRetry: true)
    #expect(harness.sent == ["0:firing", "0:resolved"])
    #expect(harness.state("broken") == .resolved)
  }

  @Test func featureAlertsHoldThroughWindowsWithoutAVerdict() throws {
    var harness = AlertHarness([AlertRule(name: "d", condition: .featureDrifted)])
    try harness.run(AlertHarness.ok(0, drifted: ["age"]))
    try harness.run(AlertHarness.status(1, .failed))
    try harness.run(AlertHarness.status(2, .insufficientData))
    #expect(harness.state("d", "age") == .firing)
    #expect(harness.sent == ["0:firing"])
  }

  @Test func olderAndRepeatedWindowsNeverChangeState() throws {
    var harness = AlertHarness([AlertRule(name: "d", condition: .featureDrifted, forWindows: 2)])
    try harness.run(AlertHarness.ok(5, drifted: ["age"]))
    let before = harness.states
    // Backfill of an older window, and the same window again (backfill --force): no effect.
    let older = try harness.run(AlertHarness.ok(3, drifted: ["age"]))
    let same = try harness.run(AlertHarness.ok(5, drifted: ["age"]))
    #expect(older == .none && same == .none)
    #expect(harness.states == before)
    try harness.run(AlertHarness.ok(6, drifted: ["age"]))
    #expect(harness.sent == ["6:firing"])
  }

  @Test func notificationIDIsStable() {
    let a = AlertPayload.notificationID(
      monitor: "credit", rule: "d", windowStart: AlertHarness.day, status: .firing)
    let b = AlertPayload.notificationID(
      monitor: "credit", rule: "d", windowStart: AlertHarness.day, status: .firing)
    let c = AlertPayload.notificationID(
      monitor: "credit", rule: "d", windowStart: AlertHarness.day, status: .resolved)
    #expect(a == b && a != c && a.count == 64)
  }
}
