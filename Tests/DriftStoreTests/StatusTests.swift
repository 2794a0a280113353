import DriftData
import DriftStats
import DriftStore
import Testing

@Suite struct StatusTests {
  @Test func statusCountsLastWindowErrorsAndFailingStreak() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(Fixtures.skipped(window: 0))
    try store.record(Fixtures.skipped(window: 1))
    try store.record(Fixtures.failed(window: 2, error: "old failure"))
    try store.record(Fixtures.ok(window: 3))
    var thin = Fixtures.ok(window: 4, features: [])
    thin.status = .insufficientData
    try store.record(thin)
    try store.record(Fixtures.failed(window: 5, error: "disk gone"))
    try store.record(Fixtures.skipped(window: 6))
    try store.record(Fixtures.failed(window: 7, error: "still gone"))
    try store.record(Fixtures.ok("quiet", window: 0))

    let all = try store.status()
    #expect(all.map(\.monitor) == ["credit", "quiet"])
    let credit = try #require(all.first)
    #expect(credit.counts == [.ok: 1, .insufficientData: 1, .failed: 3, .skipped: 3])
    #expect(
      credit.lastWindow
        == MonitorStatus.LastWindow(
          window: Fixtures.window(7), status: .failed, rows: 0, driftedFeatures: []))
    #expect(
      credit.lastError
        == MonitorStatus.LastError(window: Fixtures.window(7), message: "still gone"))
    // Failing since the first failure after the last evaluated window (4); window 2 is older.
    #expect(credit.failingSince == Fixtures.window(5).start)

    let quiet = try #require(all.last)
    #expect(quiet.counts == [.ok: 1, .insufficientData: 0, .failed: 0, .skipped: 0])
    #expect(quiet.lastWindow?.driftedFeatures == ["income"])
    #expect(quiet.lastWindow?.rows == 1000)
    #expect(quiet.lastError == nil && quiet.failingSince == nil)
  }

  @Test func skippedWindowsAreVisible() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    for index in 0..<3 { try store.record(Fixtures.skipped(window: Int64(index))) }
    try store.record(Fixtures.ok(window: 3))
    let status = try #require(try store.status().first)
    #expect(status.counts[.skipped] == 3)
    let states = try store.windowStates(monitor: "credit", from: 0, to: .max)
    #expect(states.map(\.status) == [.skipped, .skipped, .skipped, .ok])
    #expect(states.map(\.attempts) == [0, 0, 0, 1])
  }

  @Test func recoveredMonitorIsNotFailing() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(Fixtures.failed(window: 0))
    try store.record(Fixtures.ok(window: 1))
    let status = try #require(try store.status().first)
    #expect(status.failingSince == nil)
    #expect(status.lastError?.window == Fixtures.window(0))
    #expect(status.lastWindow?.status == .ok)
  }

  @Test func emptyStoreHasNoMonitors() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    #expect(try store.status().isEmpty)
    #expect(try store.windowStates(monitor: "credit", from: 0, to: .max).isEmpty)
  }
}
