import DriftData
import DriftStats
import GRDB
import Testing

@testable import DriftStore

/// The roll-up kept window by window (in order, late, replaced, pruned) holds what a rebuild
/// from the stored results (the migration's backfill) holds.
@Suite struct ResultRollupTests {
  static func record(_ index: Int64, version: Double) -> WindowRecord {
    // Statistics cycle through finite, infinite, NaN and missing values.
    let cycle: [Double?] = [0.1, .infinity, 0.3 * version, .nan, nil, -.infinity, 0.05]
    let features = ["age", "income"].enumerated().flatMap { offset, name in
      [DriftTest.ks, .psi].map { test in
        // Day 2 of income's ks is all +inf, day 3 all missing.
        let statistic =
          name == "income" && test == .ks && index / 24 == 2
          ? .infinity
          : name == "income" && test == .ks && index / 24 == 3
            ? nil : cycle[Int(index + Int64(offset)) % cycle.count]
        return FeatureRecord(
          feature: name, kind: .numeric, test: test, statistic: statistic,
          pValue: test == .ks ? (index % 5 == 0 ? .nan : 0.2 / version) : nil,
          threshold: index % 3 == 0 ? nil : Threshold.defaultThreshold(for: test),
          drifted: index % 11 == 0)
      }
    }
    return Fixtures.ok(window: index, features: features)
  }

  static func rollups(_ path: String) throws -> [Row] {
    try DatabaseQueue(path: path).read {
      try Row.fetchAll($0, sql: "SELECT * FROM result_rollups ORDER BY 1, 2, 3, 4, 5")
    }
  }

  @Test func keptRollupEqualsARebuild() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("rollup.db")
    do {
      let store = try DriftStore(path: path)
      // 6 days of hourly windows; every fourth left out, half of those stored late.
      try store.record(batch: (0..<144).filter { $0 % 4 != 1 }.map { Self.record($0, version: 1) })
      for index in stride(from: Int64(1), to: 144, by: 8) {
        try store.record(Self.record(index, version: 1))
      }
      for index in stride(from: Int64(2), to: 144, by: 13) {
        try store.record(Self.record(index, version: 2), replace: true)
      }
      // Retention: windows that ended before day 2, 07:00.
      #expect(try store.prune(olderThan: Fixtures.window(31).end) == 27)
      #expect(try store.integrityCheck().isEmpty)
    }
    let kept = try Self.rollups(path)
    // Days 1 to 5 (day 1 from 07:00) and their 4-hour blocks, for 2 features x 2 tests.
    #expect(kept.count == (5 + 29) * 4)
    #expect(kept.contains { ($0["statistic"] as Double?) == .infinity })
    #expect(kept.contains { ($0["statistic"] as Double?) == nil })
    // The migration's backfill on the same results.
    try DatabaseQueue(path: path).write { db in
      try db.execute(
        sql: """
          DROP TABLE result_rollups;
          DELETE FROM grdb_migrations WHERE identifier = 'rollup-v1';
          """)
    }
    _ = try DriftStore(path: path)
    #expect(try Self.rollups(path) == kept)
  }
}
