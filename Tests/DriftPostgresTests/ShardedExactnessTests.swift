import DriftConfig
import DriftStats
import Foundation
import Testing

@testable import DriftPostgres

/// On the sharded set, a binned push-down window's ECDF tests (`anderson` and `cvm` among them)
/// carry their bound, and the statistics of the same rows pulled and computed as for files lie
/// within it: the shards' partial cells (counts and sums added, ranges widened on the
/// coordinator) are what the bounds are proven for.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct ShardedExactnessTests {
  static let ecdfTests: [DriftTest] = [.ks, .anderson, .cvm, .mannwhitney, .wasserstein, .energy]

  @Test(arguments: [(8, nil), (8, "bucket"), (50, "bucket")] as [(Int, String?)])
  func binnedResultsLieWithinTheirBounds(grid: Int, partitionKey: String?) throws {
    let (set, db) = try ShardedSetTests.loaded.get()
    var source = db.source(.table("requests"), port: set.coordinator.port)
    source.pushdown = PushdownOptions(
      grid: grid, maxCategories: 10, partitionKey: partitionKey, parallel: 1)
    let profile = try ParallelPushdownTests.profile()
    let start = SampleDatabase.start
    let window = PostgresWindowQuery(source: source, timestampColumn: "ts")
    let pushed = try PushdownQuery(window: window).read(
      start: start, end: start + 7200, profile: profile)
    let kinds: [String: ColumnKind] = [
      "amount": .numeric, "visits": .numeric, "price": .numeric, "city": .categorical,
      "premium": .boolean,
    ]
    let (rows, _) = try window.read(
      start: start, end: start + 7200, features: ["amount", "visits", "price", "city", "premium"],
      kinds: kinds, onBadRow: .fail)
    #expect(rows.rowCount == 800 && pushed.rows == 800)
    let settings = DriftSettings(
      numericTests: Self.ecdfTests, multivariate: MultivariateSettings(enabled: false))
    let file = try Evaluator.evaluate(profile: profile, target: rows, settings: settings)
    let push = try Evaluator.evaluate(
      profile: profile, aggregates: pushed.aggregates, targetRows: pushed.rows,
      settings: settings, gridSize: grid)
    var binned = Set<DriftTest>()
    let binnedFeatures: Set = ["amount", "price"]
    for (a, b) in zip(file.features, push.features) where binnedFeatures.contains(a.name) {
      for (x, y) in zip(a.tests, b.tests) {
        let what = "grid \(grid) \(partitionKey ?? "no key") \(a.name) \(x.test)"
        guard case .binned(let bound) = y.exactness else {
          Issue.record("expected a binned result: \(what) \(y.error ?? "")")
          continue
        }
        binned.insert(y.test)
        let exact = try #require(x.statistic, "\(what)")
        let approximate = try #require(y.statistic, "\(what)")
        let slack = bound * (1 + 1e-9) + 1e-9 * max(abs(exact), 1)
        #expect(abs(exact - approximate) <= slack, "\(what): \(exact) vs \(approximate) ± \(bound)")
        #expect((y.pValue != nil) == (x.pValue != nil), "\(what)")
      }
    }
    #expect(binned == Set(Self.ecdfTests))
  }
}
