import DriftStats
import GRDB
import Testing

@testable import DriftStore

/// The history query must stay an index range scan plus primary-key seeks, so its cost follows
/// the range asked for and never the history kept.
@Suite struct QueryPlanTests {
  @Test(arguments: [
    HistoryQuery(monitor: "credit", feature: "age", since: 0, until: 1_000_000),
    HistoryQuery(monitor: "credit", feature: "age", test: .ks, since: 0),
    HistoryQuery(monitor: "credit", since: 0, until: 3600),
    HistoryQuery(monitor: "credit", since: 0, driftedOnly: true),
  ])
  func historyUsesIndexRangeAndPrimaryKeySeeks(query: HistoryQuery) throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("history.db")
    let store = try DriftStore(path: path)
    for index in 0..<3 { try store.record(Fixtures.ok(window: Int64(index))) }

    let (sql, arguments) = DriftStore.historySQL(query, monitorID: 1)
    let plan = try DatabaseQueue(path: path).read { db in
      try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
        .map { $0["detail"] as String }
    }
    let steps = plan.joined(separator: "\n")
    // The runs of one monitor in a time range, then each run's results by primary key; lookups
    // of a feature or test name may come first (one row each). No table or index is scanned.
    let runsRange = "SEARCH r USING INDEX sqlite_autoindex_runs_1 (monitor_id=? AND window_start>?"
    #expect(plan.contains { $0.hasPrefix(runsRange) }, "\(steps)")
    #expect(plan.contains { $0.hasPrefix("SEARCH fr USING PRIMARY KEY (run_id=?") }, "\(steps)")
    #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(steps)")
  }

  /// The data-set history: a range of a `runs` index, and for the drifted feature names the
  /// same range plus primary-key seeks into `feature_results`. No scan, no sort.
  @Test(arguments: [false, true])
  func datasetHistoryUsesIndexRanges(driftedOnly: Bool) throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("history.db")
    let store = try DriftStore(path: path)
    for index in 0..<3 { try store.record(Fixtures.ok(window: Int64(index))) }
    let arguments: StatementArguments = [1, 0, 1_000_000]
    let queue = try DatabaseQueue(path: path)
    for sql in [
      DriftStore.datasetHistorySQL(driftedOnly: driftedOnly),
      DriftStore.datasetDriftedFeaturesSQL(driftedOnly: driftedOnly),
    ] {
      let plan = try queue.read { db in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
          .map { $0["detail"] as String }
      }
      let steps = plan.joined(separator: "\n")
      // Either runs index serves (covering or not): (monitor_id, window_start) or
      // (monitor_id, status, window_start).
      #expect(
        plan.contains {
          $0.hasPrefix("SEARCH") && $0.contains(" INDEX ") && $0.contains("(monitor_id=?")
            && $0.contains("window_start>?")
        }, "\(steps)")
      #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(steps)")
      #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(steps)")
      if sql.contains("feature_results") {
        #expect(plan.contains { $0.hasPrefix("SEARCH fr USING PRIMARY KEY (run_id=?") }, "\(steps)")
      }
    }
  }

  /// The per-feature history reaches each contribution with one primary-key seek.
  @Test func historyReachesContributionsByPrimaryKey() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("history.db")
    let store = try DriftStore(path: path)
    try store.record(Fixtures.ok(window: 0))
    let (sql, arguments) = DriftStore.historySQL(
      HistoryQuery(monitor: "credit", since: 0), monitorID: 1)
    let plan = try DatabaseQueue(path: path).read { db in
      try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
        .map { $0["detail"] as String }
    }
    let steps = plan.joined(separator: "\n")
    #expect(
      plan.contains { $0.hasPrefix("SEARCH fc USING PRIMARY KEY (run_id=? AND feature_id=?)") },
      "\(steps)")
    #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(steps)")
  }
}
