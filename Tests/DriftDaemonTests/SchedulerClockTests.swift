import DriftConfig
import DriftData
import DriftStore
import Foundation
import Logging
import Synchronization
import Testing

@testable import DriftDaemon

/// The scheduler's loop on a manual clock: it evaluates what is due, sleeps until the next
/// window's end plus its delay, wakes when (and only when) the clock reaches it, and catches up
/// after downtime. The test moves the clock; nothing sleeps in real time.
@Suite struct SchedulerClockTests {
  /// A monitor of hourly windows (delay 10m, min_rows 10, catch_up 3) over CSV files holding
  /// 20 rows in every hour of 2026-11-03, and a real store.
  struct Setup {
    let folder: String
    let configuration: Configuration
    let store: DriftStore

    init() throws {
      folder = FileManager.default.temporaryDirectory.path + "/scheduler-clock-" + UUID().uuidString
      try FileManager.default.createDirectory(
        atPath: folder + "/target", withIntermediateDirectories: true)
      var baseline = "ts,x\n"
      for row in 0..<200 { baseline += "2026-01-01T00:00:00Z,\(Double((row * 37) % 100))\n" }
      try baseline.write(toFile: folder + "/baseline.csv", atomically: true, encoding: .utf8)
      var target = "ts,x\n"
      for hour in 0..<24 {
        for row in 0..<20 {
          let stamp = String(format: "2026-11-03T%02d:%02d:00Z", hour, row * 2)
          target += "\(stamp),\(Double((row * 41 + hour) % 100))\n"
        }
      }
      try target.write(toFile: folder + "/target/day.csv", atomically: true, encoding: .utf8)
      let yaml = """
        storage: { path: \(folder)/history.db }
        daemon: { tick: 6h }
        monitors:
          - name: hourly
            baseline: { path: \(folder)/baseline.csv }
            target: { files: "\(folder)/target/*.csv", timestamp_column: ts }
            schedule: { window: 1h, delay: 10m, min_rows: 10, catch_up: 3 }

        """
      try yaml.write(toFile: folder + "/driftwatch.yaml", atomically: true, encoding: .utf8)
      configuration = try ConfigLoader.load(
        path: folder + "/driftwatch.yaml", environment: [:], checkFiles: false)
      store = try DriftStore(path: folder + "/history.db")
    }

    /// Every stored window of the day, oldest first, as (start, status).
    func stored() throws -> [(String, RunStatus)] {
      try store.windowStates(
        monitor: "hourly", from: time("2026-11-02T00:00:00Z"), to: time("2026-11-04T00:00:00Z")
      ).sorted { $0.window.start < $1.window.start }
        .map { (String(Timestamp.format($0.window.start).dropFirst(11).prefix(5)), $0.status) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
  }

  @Test func theLoopSleepsUntilTheNextWindowIsDueAndCatchesUpAfterDowntime() async throws {
    let setup = try Setup()
    defer { setup.remove() }
    let clock = ManualClock(now: try time("2026-11-03T03:05:00Z"))
    let scheduler = Scheduler(
      configuration: setup.configuration, store: setup.store, log: Logger(label: "test"),
      clock: clock)
    let passes = Mutex([MonitorPass]())
    let serving = Task {
      await scheduler.serve(onPass: { pass in passes.withLock { $0.append(pass) } })
    }
    defer { serving.cancel() }

    // 03:05: the 02:00 window waits for its 10 minutes of late data; catch_up 3 takes the three
    // windows before it, oldest first (23:00 on the 2nd has no rows).
    await clock.waitForSleepers(1)
    #expect(
      try setup.stored().map(\.0) == ["23:00", "00:00", "01:00"])
    #expect(try setup.stored().map(\.1) == [.insufficientData, .ok, .ok])
    #expect(clock.nextDeadline == Double(try time("2026-11-03T03:10:00Z")))

    // One second early: nothing wakes.
    clock.set(to: try time("2026-11-03T03:09:59Z"))
    #expect(clock.sleeping == 1)
    #expect(passes.withLock { $0.count } == 1)

    // At 03:10 the 02:00 window is due, and only that one.
    clock.set(to: try time("2026-11-03T03:10:00Z"))
    await clock.waitForSleepers(1)
    #expect(try setup.stored().map(\.0) == ["23:00", "00:00", "01:00", "02:00"])
    #expect(clock.nextDeadline == Double(try time("2026-11-03T04:10:00Z")))
    #expect(passes.withLock { $0.map(\.evaluated) } == [3, 1])

    // Down from 03:10 to 10:30: the three newest windows are evaluated, the four before them
    // are recorded as skipped, none is lost and none runs twice.
    clock.set(to: try time("2026-11-03T10:30:00Z"))
    await clock.waitForSleepers(1)
    let stored = try setup.stored()
    #expect(
      stored.map(\.0) == [
        "23:00", "00:00", "01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00",
        "09:00",
      ])
    #expect(stored[4..<8].allSatisfy { $0.1 == .skipped })
    #expect(stored[8...].allSatisfy { $0.1 == .ok })
    #expect(passes.withLock { $0.last?.skipped } == 4)
    #expect(clock.nextDeadline == Double(try time("2026-11-03T11:10:00Z")))

    // A graceful stop ends the sleeping loop without moving the clock.
    serving.cancel()
    await serving.value
    #expect(clock.sleeping == 0)
  }

  @Test func theLoopWakesAtLeastEveryTick() {
    #expect(Scheduler.wait(nextDueAt: 1_000, now: 100, tick: 60) == 60)
    #expect(Scheduler.wait(nextDueAt: 130, now: 100, tick: 60) == 30)
    #expect(Scheduler.wait(nextDueAt: nil, now: 100, tick: 60) == 60)
    // Overdue (a retry time already passed, or the clock stepped): at least a second.
    #expect(Scheduler.wait(nextDueAt: 50, now: 100, tick: 60) == 1)
  }

  @Test func backfillReadsTheInjectedClock() throws {
    let setup = try Setup()
    defer { setup.remove() }
    let clock = ManualClock(now: try time("2026-11-03T12:00:00Z"))
    let scheduler = Scheduler(
      configuration: setup.configuration, store: setup.store, log: Logger(label: "test"),
      clock: clock)
    let pass = try scheduler.backfill(
      monitor: "hourly", from: try time("2026-11-03T05:00:00Z"),
      to: try time("2026-11-03T07:00:00Z"), force: false)
    #expect(pass.stored == [.ok: 2])
    let runs = try setup.store.windowStates(
      monitor: "hourly", from: try time("2026-11-03T00:00:00Z"),
      to: try time("2026-11-04T00:00:00Z"))
    #expect(
      runs.map(\.window.start).sorted() == [
        try time("2026-11-03T05:00:00Z"), try time("2026-11-03T06:00:00Z"),
      ])
  }
}
