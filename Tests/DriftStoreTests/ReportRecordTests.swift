import DriftData
import DriftStats
import DriftStore
import Testing

@Suite struct ReportRecordTests {
  /// A baseline and a shifted target with one numeric and one categorical feature.
  private static func tables() -> (baseline: Table, target: Table) {
    func table(shift: Double, share: Int) -> Table {
      let count = 400
      let amounts = (0..<count).map { Double($0 % 97) + shift }
      let codes = (0..<count).map { Int32($0 % 10 < share ? 0 : 1) }
      return Table(
        columns: [
          Column(
            name: "amount", kind: .numeric, values: .numeric(NumericColumn(values: amounts))),
          Column(
            name: "channel", kind: .categorical,
            values: .categorical(CategoricalColumn(codes: codes, categories: ["web", "app"]))),
        ], rowCount: count)
    }
    return (table(shift: 0, share: 5), table(shift: 30, share: 8))
  }

  @Test func reportIsStoredTestForTest() throws {
    let (baseline, target) = Self.tables()
    let report = try Evaluator.evaluate(
      profile: BaselineProfile(table: baseline), target: target, settings: DriftSettings())
    let record = WindowRecord(
      monitor: "payments", window: Fixtures.window(0), report: report, rejectedRows: 3,
      baselineHash: "b", configHash: "c", startedAt: 1, finishedAt: 2)
    #expect(record.rows == 400 && record.status == .ok)
    #expect(record.dataset == report.dataset.stored)

    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(record)
    let stored = try store.history(HistoryQuery(monitor: "payments")).map(\.result)
    let expected = report.features.flatMap { feature in
      feature.tests.map { FeatureRecord(feature: feature, result: $0) }
    }
    #expect(stored.count == expected.count && !stored.isEmpty)
    #expect(Set(stored.map(\.feature)) == ["amount", "channel"])
    // Same results, in the store's order (feature, then test name).
    #expect(
      stored
        == expected.sorted { ($0.feature, $0.test.rawValue) < ($1.feature, $1.test.rawValue) })
    let status = try #require(try store.status().first)
    #expect(
      status.lastWindow?.driftedFeatures
        == report.features.filter(\.drifted).map(\.name).sorted())
  }
}
