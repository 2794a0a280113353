import DriftAlerts
import Testing

@testable import DriftDaemon

/// How long failures wait before the next attempt: a failed window (fixed doubling from a minute
/// to an hour) and an alert delivery (doubling ceilings with full jitter from a seeded source).
@Suite struct RetryBackoffTests {
  @Test func aFailedWindowWaitsDoublingMinutesUpToAnHour() {
    let waits = (1...10).map { MonitorRunner.backoff(attempts: $0) }
    #expect(waits == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600])
    // Huge attempt counts never overflow past the cap; zero or negative count as the first.
    #expect(MonitorRunner.backoff(attempts: 10_000) == MonitorRunner.maximumBackoff)
    #expect(MonitorRunner.backoff(attempts: 0) == 60)
    #expect(MonitorRunner.backoff(attempts: -3) == 60)
  }

  @Test func deliveryDelaysStayUnderADoublingCeilingAndTheCap() {
    let backoff = Backoff(base: 30, cap: 3600, seed: 7)
    for attempts in 1...40 {
      let ceiling = min(3600, Int64(30) << Int64(min(attempts - 1, 30)))
      for _ in 0..<50 {
        let delay = backoff.delay(afterAttempts: attempts)
        #expect((1...ceiling).contains(delay), "attempt \(attempts): \(delay)")
      }
    }
  }

  @Test func aSeededJitterIsReproducibleAndSpread() {
    let first = Backoff(base: 30, cap: 3600, seed: 42)
    let second = Backoff(base: 30, cap: 3600, seed: 42)
    let a = (0..<200).map { _ in first.delay(afterAttempts: 8) }
    let b = (0..<200).map { _ in second.delay(afterAttempts: 8) }
    #expect(a == b)
    // Full jitter over [1, 3600]: the draws cover the range rather than sit at the cap.
    #expect(Set(a).count > 150)
    #expect(a.min() ?? 0 < 600)
    #expect(a.max() ?? 0 > 3000)
    let other = Backoff(base: 30, cap: 3600, seed: 43)
    #expect((0..<200).map { _ in other.delay(afterAttempts: 8) } != a)
  }

  @Test func baseAndCapAreKeptSane() {
    let backoff = Backoff(base: 0, cap: -5, seed: 1)
    #expect(backoff.base == 1)
    #expect(backoff.cap == 1)
    #expect(backoff.delay(afterAttempts: 5) == 1)
  }
}
