import DriftData
import Testing

/// The test clock itself: it stands still, wakes sleepers only when moved to their time, and
/// lets cancellation through.
@Suite struct ManualClockTests {
  @Test func itReadsWhatItWasSetToAndMovesOnlyWhenTold() {
    let clock = ManualClock(now: 1_000)
    #expect(clock.now() == 1_000)
    #expect(clock.now() == 1_000)
    clock.advance(by: 1.5)
    #expect(clock.seconds() == 1_001.5)
    #expect(clock.now() == 1_001)
    clock.set(to: 500)
    #expect(clock.now() == 500)
  }

  @Test func aSleeperWakesWhenTheClockReachesItsDeadline() async throws {
    let clock = ManualClock(now: 1_000)
    let sleeper = Task { try await clock.sleep(until: 1_060) }
    await clock.waitForSleepers(1)
    #expect(clock.nextDeadline == 1_060)
    clock.advance(by: 59)
    #expect(clock.sleeping == 1)
    clock.advance(by: 1)
    try await sleeper.value
    #expect(clock.sleeping == 0)
  }

  @Test func aPastDeadlineReturnsAtOnce() async throws {
    let clock = ManualClock(now: 1_000)
    try await clock.sleep(until: 999)
    try await clock.sleep(seconds: 0)
    #expect(clock.sleeping == 0)
  }

  @Test func cancellingASleeperThrows() async {
    let clock = ManualClock(now: 1_000)
    let sleeper = Task { try await clock.sleep(seconds: 3_600) }
    await clock.waitForSleepers(1)
    sleeper.cancel()
    await #expect(throws: CancellationError.self) { try await sleeper.value }
    #expect(clock.sleeping == 0)
  }
}
