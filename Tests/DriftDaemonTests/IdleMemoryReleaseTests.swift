import DriftData
import Logging
import Synchronization
import Testing

@testable import DriftDaemon

/// `serve` gives the allocator's free memory back a few seconds after the last pass ends, and
/// not while a pass runs. The tests run the scheduled releases themselves instead of waiting.
@Suite struct IdleMemoryReleaseTests {
  /// Records the scheduled work and counts releases.
  final class Recorder: Sendable {
    let scheduled = Mutex([(delay: Double, work: @Sendable () -> Void)]())
    let releases = Mutex(0)

    func make() -> IdleMemoryRelease {
      IdleMemoryRelease(
        settle: 5, after: { delay, work in self.scheduled.withLock { $0.append((delay, work)) } },
        release: { self.releases.withLock { $0 += 1 } })
    }

    var delays: [Double] { scheduled.withLock { $0.map(\.delay) } }
    var count: Int { releases.withLock { $0 } }
    func run(_ index: Int) { scheduled.withLock { $0[index].work }() }
  }

  @Test func theLastPassToEndSchedulesOneRelease() {
    let recorder = Recorder()
    let memory = recorder.make()
    memory.passStarted()
    memory.passStarted()
    memory.passEnded()
    #expect(recorder.delays.isEmpty)  // one pass still runs
    memory.passEnded()
    #expect(recorder.delays == [5])
    #expect(recorder.count == 0)
    recorder.run(0)
    #expect(recorder.count == 1)
  }

  @Test func aPassStartingDuringTheSettleCancelsTheRelease() {
    let recorder = Recorder()
    let memory = recorder.make()
    memory.passStarted()
    memory.passEnded()
    memory.passStarted()
    recorder.run(0)  // a pass runs: nothing is released
    #expect(recorder.count == 0)
    memory.passEnded()
    recorder.run(0)  // the first schedule stays cancelled after that pass ended
    #expect(recorder.count == 0)
    recorder.run(1)
    #expect(recorder.count == 1)
  }

  /// A reload makes a new scheduler: it must share the old one's release, so that its passes
  /// cancel a release the old scheduler's last pass scheduled.
  @Test func schedulersShareTheProcesssRelease() throws {
    let setup = try SchedulerClockTests.Setup()
    defer { setup.remove() }
    let first = Scheduler(
      configuration: setup.configuration, store: setup.store, log: Logger(label: "test"))
    let reloaded = Scheduler(
      configuration: setup.configuration, store: setup.store, log: Logger(label: "test"))
    #expect(first.memoryRelease === reloaded.memoryRelease)
    #expect(first.memoryRelease === IdleMemoryRelease.process)
  }

  @Test func servesLoopsReportTheirPasses() async throws {
    let setup = try SchedulerClockTests.Setup()
    defer { setup.remove() }
    let recorder = Recorder()
    let clock = ManualClock(now: try time("2026-11-03T03:05:00Z"))
    let scheduler = Scheduler(
      configuration: setup.configuration, store: setup.store, log: Logger(label: "test"),
      clock: clock, memoryRelease: recorder.make())
    let serving = Task { await scheduler.serve() }
    defer { serving.cancel() }
    await clock.waitForSleepers(1)
    try #require(recorder.delays == [5])
    recorder.run(0)
    #expect(recorder.count == 1)
    // The next pass (03:10) schedules the next release.
    clock.set(to: try time("2026-11-03T03:10:00Z"))
    await clock.waitForSleepers(1)
    #expect(recorder.delays == [5, 5])
    serving.cancel()
    await serving.value
  }
}
