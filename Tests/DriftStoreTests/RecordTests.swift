import DriftData
import DriftStats
import DriftStore
import Testing

@Suite struct RecordTests {
  @Test func recordAndHistoryRoundTripBitExact() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    let awkward: [FeatureRecord] = [
      FeatureRecord(
        feature: "age", kind: .numeric, test: .ks, statistic: 0.1 + 0.2,
        pValue: .leastNonzeroMagnitude, adjustedPValue: 1e-300,
        threshold: Threshold(pValue: 0.01), effect: -1.2345678901234567, drifted: true),
      FeatureRecord(
        feature: "age", kind: .numeric, test: .kl, statistic: .infinity, pValue: nil,
        adjustedPValue: nil, threshold: Threshold(statistic: 0.1), effect: nil, drifted: true),
      FeatureRecord(
        feature: "country", kind: .categorical, test: .chisquare, statistic: nil, pValue: nil,
        adjustedPValue: nil, threshold: Threshold(pValue: 0.01, statistic: 3),
        effect: nil, drifted: false, error: "fewer than 2 categories"),
      FeatureRecord(
        feature: "country", kind: .categorical, test: .psi, statistic: .greatestFiniteMagnitude,
        threshold: nil, drifted: false),
      FeatureRecord(
        feature: "vip", kind: .boolean, test: .tvd, statistic: 3, drifted: false),
    ]
    try store.record(Fixtures.ok(window: 0, features: awkward))

    let rows = try store.history(HistoryQuery(monitor: "credit"))
    // Ordered by window, feature name, test name.
    let expected = awkward.sorted {
      ($0.feature, $0.test.rawValue) < ($1.feature, $1.test.rawValue)
    }
    #expect(rows.map(\.result) == expected)
    #expect(rows.allSatisfy { $0.window == Fixtures.window(0) && $0.monitor == "credit" })
    let ks = try #require(rows.first { $0.result.test == .ks })
    #expect(ks.result.statistic?.bitPattern == (0.1 + 0.2).bitPattern)
    #expect(ks.result.pValue?.bitPattern == Double.leastNonzeroMagnitude.bitPattern)
    #expect(ks.result.effect?.bitPattern == (-1.2345678901234567).bitPattern)
    #expect(rows.first { $0.result.test == .chisquare }?.result.statistic == nil)
  }

  @Test func nanIsStoredAsNull() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    let record = FeatureRecord(
      feature: "age", kind: .numeric, test: .energy, statistic: .nan, drifted: false)
    try store.record(Fixtures.ok(window: 0, features: [record]))
    let row = try #require(try store.history(HistoryQuery(monitor: "credit")).first)
    #expect(row.result.statistic == nil)
  }

  @Test func historyFiltersByFeatureTestRangeAndDrift() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    for index in 0..<10 { try store.record(Fixtures.ok(window: Int64(index))) }
    try store.record(Fixtures.ok("other", window: 3))

    let age = try store.history(
      HistoryQuery(
        monitor: "credit", feature: "age", since: Fixtures.window(2).start,
        until: Fixtures.window(5).start))
    #expect(age.map(\.window.start) == [2, 2, 3, 3, 4, 4].map { Fixtures.window($0).start })
    #expect(age.map(\.result.test) == [.ks, .psi, .ks, .psi, .ks, .psi])

    let psi = try store.history(HistoryQuery(monitor: "credit", test: .psi))
    #expect(psi.count == 10 && psi.allSatisfy { $0.result.feature == "age" })

    let drifted = try store.history(HistoryQuery(monitor: "credit", driftedOnly: true))
    #expect(drifted.count == 10 && drifted.allSatisfy { $0.result.feature == "income" })

    #expect(try store.history(HistoryQuery(monitor: "other")).count == 3)
    #expect(try store.history(HistoryQuery(monitor: "nobody")).isEmpty)
    #expect(try store.history(HistoryQuery(monitor: "credit", feature: "nope")).isEmpty)
  }

  @Test func duplicateWindowIsRejected() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(Fixtures.ok(window: 0))
    let error = #expect(throws: StoreError.self) {
      try store.record(Fixtures.ok(window: 0, features: [Fixtures.feature("x", .ks)]))
    }
    #expect(error?.kind == .duplicateWindow)
    #expect(error?.message.contains("2024-05-01T00:00:00Z") == true)
    #expect(error?.message.contains("--force") == true)
    // The stored window is untouched.
    #expect(try store.history(HistoryQuery(monitor: "credit")).count == 3)

    // insufficient_data is final too.
    var thin = Fixtures.ok(window: 1, features: [])
    thin.status = .insufficientData
    thin.dataset = nil
    try store.record(thin)
    #expect(throws: StoreError.self) { try store.record(thin) }
  }

  @Test func replaceOverwritesResultsInOneTransaction() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(Fixtures.ok(window: 0))
    let state = try store.record(
      Fixtures.ok(window: 0, features: [Fixtures.feature("x", .ks, statistic: 9)]),
      replace: true)
    #expect(state.attempts == 2)
    let rows = try store.history(HistoryQuery(monitor: "credit"))
    #expect(rows.map(\.result.feature) == ["x"])
    #expect(rows.first?.result.statistic == 9)
  }

  @Test func failedWindowIsRetriedWithAttemptsCarriedOver() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    let first = try store.record(Fixtures.failed(window: 0, nextAttemptAt: 100))
    #expect(first.attempts == 1 && first.nextAttemptAt == 100)
    let second = try store.record(Fixtures.failed(window: 0, error: "again", nextAttemptAt: 300))
    #expect(second.attempts == 2 && second.nextAttemptAt == 300)

    let states = try store.windowStates(
      monitor: "credit", from: Fixtures.window(0).start, to: Fixtures.window(1).start)
    #expect(
      states == [
        WindowState(window: Fixtures.window(0), status: .failed, attempts: 2, nextAttemptAt: 300)
      ])

    // The retry succeeds: attempts keep counting, the retry time is cleared.
    let third = try store.record(Fixtures.ok(window: 0))
    #expect(
      third == WindowState(window: Fixtures.window(0), status: .ok, attempts: 3, nextAttemptAt: nil)
    )
    #expect(try store.windowStates(monitor: "credit", from: 0, to: .max) == [third])
    #expect(try store.history(HistoryQuery(monitor: "credit")).count == 3)
  }

  @Test func skippedWindowIsStoredAndLaterEvaluated() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    let skipped = try store.record(Fixtures.skipped(window: 0))
    #expect(skipped.attempts == 0 && skipped.status == .skipped)
    let evaluated = try store.record(Fixtures.ok(window: 0))
    #expect(evaluated.attempts == 1)
  }

  @Test func failedRecordHalfwayLeavesNothing() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(Fixtures.failed(window: 0, nextAttemptAt: 50))
    // The third result repeats (feature, test): the primary key rejects it after the run row
    // and two results were inserted, and after the old failed row was deleted.
    let broken = Fixtures.ok(
      window: 0,
      features: [
        Fixtures.feature("age", .ks), Fixtures.feature("income", .ks),
        Fixtures.feature("age", .ks),
      ])
    let error = #expect(throws: StoreError.self) { try store.record(broken) }
    #expect(error?.kind == .invalidRecord)
    #expect(error?.message.contains("'age'") == true)

    #expect(try store.history(HistoryQuery(monitor: "credit")).isEmpty)
    // The failed row before the attempt is still there, unchanged.
    #expect(
      try store.windowStates(monitor: "credit", from: 0, to: .max) == [
        WindowState(window: Fixtures.window(0), status: .failed, attempts: 1, nextAttemptAt: 50)
      ])
    #expect(try store.integrityCheck().isEmpty)
  }

  @Test func batchIsAllOrNothing() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(Fixtures.ok(window: 5))
    let batch = (0..<8).map { Fixtures.ok(window: Int64($0)) }
    let error = #expect(throws: StoreError.self) { try store.record(batch: batch) }
    #expect(error?.kind == .duplicateWindow)
    #expect(try store.windowStates(monitor: "credit", from: 0, to: .max).count == 1)

    let states = try store.record(batch: batch, replace: true)
    #expect(states.count == 8)
    #expect(try store.windowStates(monitor: "credit", from: 0, to: .max).count == 8)
  }

  @Test func emptyWindowIsInvalid() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    var record = Fixtures.ok(window: 0)
    record.window = Window(start: 10, end: 10)
    let error = #expect(throws: StoreError.self) { try store.record(record) }
    #expect(error?.kind == .invalidRecord)
  }
}
