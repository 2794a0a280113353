import DriftData
import DriftStats
import Foundation
import Testing

@testable import DriftStore

@Suite struct PictureStoreTests {
  /// A baseline and a target with a numeric feature (with missing values) and a categorical one.
  static func report(shift: Double) throws -> DriftReport {
    func table(shift: Double, rows: Int) -> DriftStats.Table {
      let amounts = (0..<rows).map { $0 % 41 == 0 ? Double.nan : Double($0 % 97) + shift }
      let codes = (0..<rows).map { Int32($0 % 7 == 0 ? -1 : $0 % 3) }
      return DriftStats.Table(
        columns: [
          Column(
            name: "amount", kind: .numeric, values: .numeric(NumericColumn(values: amounts))),
          Column(
            name: "channel", kind: .categorical,
            values: .categorical(
              CategoricalColumn(codes: codes, categories: ["web", "app", "<b>"]))
          ),
        ], rowCount: rows)
    }
    return try Evaluator.evaluate(
      profile: BaselineProfile(table: table(shift: 0, rows: 800)),
      target: table(shift: shift, rows: 300), settings: DriftSettings())
  }

  static func record(_ index: Int64, shift: Double) throws -> WindowRecord {
    WindowRecord(
      monitor: "payments", window: Fixtures.window(index), report: try report(shift: shift),
      baselineHash: "b", configHash: "c", startedAt: 1, finishedAt: 2)
  }

  @Test func picturesAreStoredWithTheWindowAndReadBackExactly() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    let report = try Self.report(shift: 20)
    try store.record(try Self.record(0, shift: 20))
    let stored = try store.pictures(monitor: "payments", windowStart: Fixtures.window(0).start)
    #expect(stored.map(\.feature) == ["amount", "channel"])
    for record in stored {
      let feature = try #require(report.features.first { $0.name == record.feature })
      #expect(record.picture == FeaturePicture(feature))
      #expect(record.kind == feature.kind)
    }
    let amount = try #require(stored.first?.picture.distribution)
    #expect(amount.bins.last?.role == .missing)
    #expect(amount.targetTotal == 300 && amount.baselineTotal == 800)
  }

  @Test func historyOfOneFeatureFollowsTheWindows() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    for index in 0..<4 { try store.record(try Self.record(Int64(index), shift: Double(index))) }
    let history = try store.pictureHistory(
      monitor: "payments", feature: "amount", since: Fixtures.window(1).start,
      until: Fixtures.window(3).start)
    #expect(history.map(\.window) == [Fixtures.window(1), Fixtures.window(2)])
    guard case .numeric(let summary) = history[1].record.picture.summary else {
      Issue.record("expected a numeric summary")
      return
    }
    let expected = try Self.report(shift: 2).features[0].target
    #expect(SideSummary.numeric(summary) == expected)
  }

  @Test func replacingAWindowReplacesItsPicturesAndOldWindowsHaveNone() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    var bare = try Self.record(0, shift: 0)
    bare.pictures = []
    try store.record(bare)
    #expect(try store.pictures(monitor: "payments", windowStart: Fixtures.window(0).start).isEmpty)
    try store.record(try Self.record(0, shift: 5), replace: true)
    let stored = try store.pictures(monitor: "payments", windowStart: Fixtures.window(0).start)
    #expect(stored.count == 2)
    #expect(try store.integrityCheck().isEmpty)
  }

  @Test func damagedPictureBytesAreAnErrorNotACrash() throws {
    let report = try Self.report(shift: 3)
    for feature in report.features {
      let bytes = FeaturePicture(feature).encoded()
      #expect(try FeaturePicture(encoded: bytes) == FeaturePicture(feature))
      for length in 0..<bytes.count {
        #expect(throws: StatsError.self) {
          try FeaturePicture(encoded: Array(bytes.prefix(length)))
        }
      }
      #expect(throws: StatsError.self) { try FeaturePicture(encoded: bytes + [0]) }
      // Every single-byte change either decodes to something or fails cleanly.
      for index in bytes.indices {
        var changed = bytes
        changed[index] ^= 0xFF
        _ = try? FeaturePicture(encoded: changed)
      }
    }
  }

  @Test func aNumericPictureOnDecilesStaysSmall() throws {
    let report = try Self.report(shift: 3)
    let numeric = FeaturePicture(report.features[0]).encoded()
    // Summary 60 bytes, 9 edges 72 bytes, 11 bins of small counts.
    #expect(numeric.count < 200, "\(numeric.count) bytes")
    let categorical = FeaturePicture(report.features[1]).encoded()
    #expect(categorical.count < 100, "\(categorical.count) bytes")
  }
}
