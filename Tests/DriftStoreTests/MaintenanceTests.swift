import DriftData
import DriftStats
import DriftStore
import Foundation
import Testing

@Suite struct MaintenanceTests {
  @Test func catalogRoundTripAndReplace() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    let entries = [
      CatalogEntry(
        path: "/data/b.csv", size: 1 << 40, mtimeNanoseconds: 1_714_521_600_123_456_789,
        minTimestamp: 1_714_521_600.25, maxTimestamp: 1_714_525_199.75, rows: 12_345),
      CatalogEntry(
        path: "/data/a.csv", size: 0, mtimeNanoseconds: -1, minTimestamp: nil,
        maxTimestamp: nil, rows: 0),
    ]
    try store.replaceCatalog(monitor: "credit", entries: entries)
    try store.replaceCatalog(monitor: "other", entries: [entries[0]])
    #expect(try store.catalog(monitor: "credit") == entries.sorted { $0.path < $1.path })

    try store.replaceCatalog(monitor: "credit", entries: [entries[1]])
    #expect(try store.catalog(monitor: "credit") == [entries[1]])
    #expect(try store.catalog(monitor: "other") == [entries[0]])
    #expect(try store.catalog(monitor: "nobody").isEmpty)

    let error = #expect(throws: StoreError.self) {
      try store.replaceCatalog(monitor: "credit", entries: [entries[0], entries[0]])
    }
    #expect(error?.kind == .invalidRecord)
    #expect(try store.catalog(monitor: "credit") == [entries[1]])
  }

  @Test func pruneDeletesOldRunsAndTheirResults() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    for index in 0..<10 { try store.record(Fixtures.ok(window: Int64(index))) }
    try store.record(Fixtures.failed("other", window: 1))

    // Runs whose window ended before the cutoff: windows 0...2; window 3 ends at the cutoff.
    let deleted = try store.prune(olderThan: Fixtures.window(4).start)
    #expect(deleted == 3 + 1)  // windows 0, 1 and 2 of credit, window 1 of other
    let starts = try store.windowStates(monitor: "credit", from: 0, to: .max).map(\.window)
    #expect(starts == (3..<10).map { Fixtures.window(Int64($0)) })
    let history = try store.history(HistoryQuery(monitor: "credit"))
    #expect(history.count == 7 * 3)
    #expect(history.first?.window == Fixtures.window(3))
    #expect(try store.history(HistoryQuery(monitor: "other")).isEmpty)
    #expect(try store.prune(olderThan: Fixtures.window(4).start) == 0)
    try store.vacuum()
    #expect(try store.integrityCheck().isEmpty)
  }

  @Test func backupMakesAnOpenableCopy() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    for index in 0..<5 { try store.record(Fixtures.ok(window: Int64(index))) }
    try store.saveBaseline(
      StoredBaseline(hash: "b1", path: "/b.csv", rows: 3, profile: [1, 2, 3], createdAt: 7))

    let copyPath = scratch.path("backup/copy.db")
    try FileManager.default.createDirectory(
      atPath: scratch.path("backup"), withIntermediateDirectories: true)
    try store.backup(to: copyPath)
    // A second backup replaces the first.
    try store.record(Fixtures.ok(window: 5))
    try store.backup(to: copyPath)
    #expect(!FileManager.default.fileExists(atPath: copyPath + ".partial"))

    let copy = try DriftStore.openReadOnly(path: copyPath)
    #expect(try copy.history(HistoryQuery(monitor: "credit")).count == 6 * 3)
    #expect(try copy.baseline(hash: "b1")?.profile == [1, 2, 3])
    #expect(try copy.integrityCheck().isEmpty)
    let writable = try DriftStore(path: copyPath)
    try writable.record(Fixtures.ok(window: 6))
    #expect(try store.windowStates(monitor: "credit", from: 0, to: .max).count == 6)
    // The copy is open (its -wal exists): backing up over it is refused, the copy is kept.
    let inUse = #expect(throws: StoreError.self) { try store.backup(to: copyPath) }
    #expect(inUse?.message.contains("in use") == true)
    #expect(try writable.windowStates(monitor: "credit", from: 0, to: .max).count == 7)

    let error = #expect(throws: StoreError.self) {
      try store.backup(to: scratch.path("./history.db"))
    }
    #expect(error?.message.contains("onto itself") == true)
  }

  @Test func baselineCacheIsIdempotent() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    #expect(try store.baseline(hash: "abc") == nil)
    let profile = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let baseline = StoredBaseline(
      hash: "abc", path: "/data/train.csv", rows: 50_000, profile: profile,
      createdAt: 1_714_521_600)
    try store.saveBaseline(baseline)
    try store.saveBaseline(baseline)
    var other = baseline
    other.path = "/elsewhere/train.csv"
    try store.saveBaseline(other)
    #expect(try store.baseline(hash: "abc") == baseline)
  }
}
