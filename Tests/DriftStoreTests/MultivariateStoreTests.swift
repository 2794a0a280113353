import DriftData
import DriftStats
import Foundation
import GRDB
import Testing

@testable import DriftStore

/// The data-set-level multivariate results (issue #6) in the store: magnitude, reconstruction
/// drift and feature contributions.
@Suite struct MultivariateStoreTests {
  static let magnitude = DriftMagnitude(
    magnitude: 0.1 + 0.2, auc: 0.8123456789012345, mcc: 0.0030000000000000001,
    baselineRows: 100_000, targetRows: 731)
  static let reconstruction = ReconstructionDrift(
    error: 1.2345678901234567, baselineMean: 1e-300, baselineStd: .leastNonzeroMagnitude,
    lower: -0.5, upper: .greatestFiniteMagnitude, components: 7, drifted: true)

  /// An ok window of `Fixtures.ok` with a magnitude, a reconstruction result and contributions.
  static func record(
    window index: Int64, magnitude: DriftMagnitude? = magnitude,
    reconstruction: ReconstructionDrift? = reconstruction,
    contributions: [FeatureContribution]? = nil
  ) -> WindowRecord {
    var record = Fixtures.ok(window: index)
    record.dataset?.magnitude = magnitude
    record.dataset?.reconstruction = reconstruction
    record.contributions =
      contributions ?? [
        FeatureContribution(feature: "age", kind: .numeric, contribution: 100 / 3),
        FeatureContribution(feature: "income", kind: .numeric, contribution: 200 / 3),
      ]
    return record
  }

  @Test func roundTripIsBitExactAndNilStaysNil() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(Self.record(window: 0))
    try store.record(Fixtures.ok(window: 1))
    try store.record(
      Self.record(window: 2, magnitude: nil, contributions: []))

    let rows = try store.datasetHistory(monitor: "credit")
    #expect(rows.map(\.window) == [0, 1, 2].map { Fixtures.window($0) })
    let first = try #require(rows.first)
    #expect(first.dataset == Self.record(window: 0).dataset)
    let magnitude = try #require(first.dataset.magnitude)
    #expect(magnitude.magnitude.bitPattern == (0.1 + 0.2).bitPattern)
    #expect(magnitude.auc.bitPattern == Self.magnitude.auc.bitPattern)
    #expect(magnitude.mcc.bitPattern == Self.magnitude.mcc.bitPattern)
    let reconstruction = try #require(first.dataset.reconstruction)
    #expect(reconstruction.baselineStd.bitPattern == Double.leastNonzeroMagnitude.bitPattern)
    #expect(reconstruction.upper == .greatestFiniteMagnitude)
    #expect(first.driftedFeatures == ["income"])
    // No magnitude, no reconstruction: nil, not zero.
    #expect(rows[1].dataset.magnitude == nil && rows[1].dataset.reconstruction == nil)
    #expect(rows[1].dataset == Fixtures.ok(window: 1).dataset)
    #expect(
      rows[2].dataset.magnitude == nil && rows[2].dataset.reconstruction == Self.reconstruction)

    // The per-feature history carries the contribution of its feature, on every test row.
    let history = try store.history(HistoryQuery(monitor: "credit"))
    let window0 = history.filter { $0.window == Fixtures.window(0) }
    #expect(
      window0.filter { $0.result.feature == "age" }.allSatisfy {
        $0.contribution?.bitPattern == (100.0 / 3).bitPattern
      })
    #expect(window0.first { $0.result.feature == "income" }?.contribution == 200.0 / 3)
    #expect(
      history.filter { $0.window != Fixtures.window(0) }.allSatisfy { $0.contribution == nil })

    let status = try #require(try store.status().first)
    #expect(status.lastWindow?.magnitude == nil)
    try store.record(Self.record(window: 3))
    #expect(try store.status().first?.lastWindow?.magnitude == 0.1 + 0.2)
  }

  @Test func nanStatisticsKeepTheResultPresent() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    let undefined = DriftMagnitude(
      magnitude: 0, auc: 0.5, mcc: .nan, baselineRows: 10, targetRows: 10)
    try store.record(
      Self.record(
        window: 0, magnitude: undefined,
        contributions: [FeatureContribution(feature: "age", kind: .numeric, contribution: .nan)]))
    let row = try #require(try store.datasetHistory(monitor: "credit").first)
    let magnitude = try #require(row.dataset.magnitude)
    #expect(magnitude.mcc.isNaN && magnitude.auc == 0.5 && magnitude.baselineRows == 10)
    let history = try store.history(HistoryQuery(monitor: "credit", feature: "age"))
    #expect(!history.isEmpty && history.allSatisfy { $0.contribution == nil })
  }

  @Test func duplicateContributionRejectsTheWholeWindow() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    let twice = FeatureContribution(feature: "age", kind: .numeric, contribution: 50)
    let error = #expect(throws: StoreError.self) {
      try store.record(Self.record(window: 0, contributions: [twice, twice]))
    }
    #expect(error?.kind == .invalidRecord)
    #expect(error?.message.contains("'age'") == true)
    #expect(try store.windowStates(monitor: "credit", from: 0, to: .max).isEmpty)
    #expect(try store.history(HistoryQuery(monitor: "credit")).isEmpty)
  }

  @Test func replaceAndPruneRemoveTheContributions() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("history.db")
    let store = try DriftStore(path: path)
    try store.record(Self.record(window: 0))
    try store.record(Self.record(window: 1))
    try store.record(Fixtures.ok(window: 0), replace: true)
    #expect(try store.datasetHistory(monitor: "credit").first?.dataset.magnitude == nil)
    #expect(try Self.contributionRows(path) == 2)
    try store.prune(olderThan: Fixtures.window(2).end)
    #expect(try Self.contributionRows(path) == 0)
    #expect(try store.integrityCheck().isEmpty)
  }

  @Test func datasetHistoryFiltersByRangeAndDrift() throws {
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    var quiet = Self.reconstruction
    quiet.drifted = false
    for index in 0..<6 {
      var record = Self.record(
        window: Int64(index), reconstruction: index == 4 ? Self.reconstruction : quiet)
      if index.isMultiple(of: 2) {
        record.features = [Fixtures.feature("age", .ks)]
        record.dataset?.driftedFeatures = 0
        record.dataset?.driftedShare = 0
        record.dataset?.drifted = false
      }
      try store.record(record)
    }
    try store.record(Fixtures.failed(window: 6))
    try store.record(Self.record(window: 7).withMonitor("other"))

    let range = try store.datasetHistory(
      monitor: "credit", since: Fixtures.window(1).start, until: Fixtures.window(4).start)
    #expect(range.map(\.window) == [1, 2, 3].map { Fixtures.window($0) })
    #expect(range.map(\.driftedFeatures) == [["income"], [], ["income"]])
    // Odd windows drifted by share, window 4 by its reconstruction error; failed ones never.
    let drifted = try store.datasetHistory(monitor: "credit", driftedOnly: true)
    #expect(drifted.map(\.window) == [1, 3, 4, 5].map { Fixtures.window($0) })
    #expect(drifted.map(\.driftedFeatures) == [["income"], ["income"], [], ["income"]])
    #expect(try store.datasetHistory(monitor: "nobody").isEmpty)
    #expect(try store.datasetHistory(monitor: "other").count == 1)
  }

  @Test func reportRecordCopiesMagnitudeReconstructionAndContributions() throws {
    let baseline = Self.table(shift: 0)
    var report = try Evaluator.evaluate(
      profile: BaselineProfile(table: baseline), target: Self.table(shift: 5),
      settings: DriftSettings())
    report.dataset.magnitude = Self.magnitude
    report.dataset.reconstruction = Self.reconstruction
    report.features[0].contribution = 100
    let record = WindowRecord(
      monitor: "payments", window: Fixtures.window(0), report: report, baselineHash: "b",
      configHash: "c", startedAt: 1, finishedAt: 2)
    #expect(record.dataset?.magnitude == Self.magnitude)
    #expect(record.dataset?.reconstruction == Self.reconstruction)
    #expect(
      record.contributions == [
        FeatureContribution(feature: "amount", kind: .numeric, contribution: 100)
      ])
    // A report without them gives none.
    report.dataset.magnitude = nil
    report.dataset.reconstruction = nil
    report.features[0].contribution = nil
    let plain = WindowRecord(
      monitor: "payments", window: Fixtures.window(0), report: report, baselineHash: "b",
      configHash: "c", startedAt: 1, finishedAt: 2)
    #expect(plain.dataset?.magnitude == nil && plain.contributions.isEmpty)
  }

  /// A database at the schema before `multivariate-v1` (history-v1 + alerts-v1) upgrades in
  /// place; its rows read back without magnitude, and new windows store one.
  @Test func previousSchemaUpgradesInPlace() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("old.db")
    do {
      let queue = try DatabaseQueue(path: path)
      try StoreSchema.migrator.migrate(queue, upTo: "alerts-v1")
      try queue.write { db in
        // Rows as the previous driftwatch wrote them (its INSERT column lists).
        try db.execute(
          sql: """
            INSERT INTO monitors (id, name) VALUES (1, 'credit');
            INSERT INTO features (id, name, kind) VALUES (1, 'age', 'numeric');
            INSERT INTO tests (id, name) VALUES (1, 'ks');
            INSERT INTO runs (id, monitor_id, window_start, window_end, status, rows,
              rejected_rows, attempts, started_at, finished_at, features, drifted_features,
              drifted_share, drift_share_threshold, drifted)
            VALUES (1, 1, ?, ?, 'ok', 500, 0, 1, 0, 0, 1, 1, 1.0, 0.5, 1);
            INSERT INTO feature_results (run_id, feature_id, test_id, statistic, p_value,
              drifted) VALUES (1, 1, 1, 0.4, 0.0001, 1);
            """, arguments: [Fixtures.window(0).start, Fixtures.window(0).end])
      }
      let applied = try queue.read {
        try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations")
      }
      #expect(applied == ["history-v1", "alerts-v1"])
    }
    // The CLI refuses the old schema until a read-write open upgrades it.
    #expect(throws: StoreError.self) { try DriftStore.openReadOnly(path: path) }
    let store = try DriftStore(path: path)
    let old = try #require(try store.datasetHistory(monitor: "credit").first)
    #expect(old.dataset.magnitude == nil && old.dataset.reconstruction == nil)
    #expect(old.dataset.features == 1 && old.dataset.drifted && old.driftedFeatures == ["age"])
    #expect(try store.history(HistoryQuery(monitor: "credit")).map(\.contribution) == [nil])
    #expect(try store.status().first?.lastWindow?.magnitude == nil)

    try store.record(Self.record(window: 1))
    let reader = try DriftStore.openReadOnly(path: path)
    #expect(try reader.datasetHistory(monitor: "credit").last?.dataset.magnitude == Self.magnitude)
    let applied = try DatabaseQueue(path: path).read {
      try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations")
    }
    #expect(
      applied == [
        "history-v1", "alerts-v1", "calibration-v1", "multivariate-v1", "quiet-v1",
        "pictures-v1", "pushdown-v1", "rollup-v1",
      ])
    #expect(try store.integrityCheck().isEmpty)
  }

  static func contributionRows(_ path: String) throws -> Int {
    try DatabaseQueue(path: path).read {
      try Int.fetchOne($0, sql: "SELECT count(*) FROM feature_contributions") ?? -1
    }
  }

  static func table(shift: Double) -> DriftStats.Table {
    let amounts = (0..<300).map { Double($0 % 50) + shift }
    return DriftStats.Table(
      columns: [
        Column(name: "amount", kind: .numeric, values: .numeric(NumericColumn(values: amounts)))
      ], rowCount: 300)
  }
}

extension WindowRecord {
  /// The same record for another monitor.
  func withMonitor(_ name: String) -> WindowRecord {
    var copy = self
    copy.monitor = name
    return copy
  }
}
