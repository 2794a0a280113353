import DriftData
import Foundation
import Testing

@testable import DriftPostgres

/// The push-down statement driftwatch sends (``PushdownStatement/sql(windowSQL:features:partitionKey:)``
/// over the real window SELECT), explained on the sharded set: with `partition_key:` every
/// aggregate runs on the shards and only aggregates cross to the coordinator.
///
/// postgres_fdw ships an aggregate by cost: the set's servers carry `fdw_tuple_cost '10'` (moving
/// a row between servers costs far more than the default 0.01 says), as docs/postgres.md
/// recommends. The window holds a continuous and a categorical feature; an integer feature on
/// this small table is estimated at a handful of rows per shard, and the planner then aggregates
/// those rows on the coordinator (a cost choice, shown in the docs, not a failure to ship).
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct ShardedPushdownTests {
  /// The statement and its parameters for a window of `requests` with a numeric and a
  /// categorical feature, grouped by the partition key `bucket` when `partitionKey` is set.
  static func statement(partitionKey: String?) throws -> (String, [(type: String, literal: String)])
  {
    var columns = ["amount", "city"]
    if let partitionKey { columns.append(partitionKey) }
    let window = try #require(
      WindowStatement.table(
        "requests", timestampColumn: "ts", type: .timestamptz, features: columns))
    let amountEdges = (1...9).map { -50 + Double($0) * 37.3 }
    let features = [
      PushdownFeature(name: "amount", plan: .numeric(edges: amountEdges)),
      PushdownFeature(
        name: "city",
        plan: .categorical(baseline: ["north", "south", "east", "west"], cap: 10, boolean: false)),
    ]
    let sql = PushdownStatement.sql(
      windowSQL: window.sql, features: features, partitionKey: partitionKey)
    func array(_ values: [Double]) -> String {
      "{" + values.map { String($0) }.joined(separator: ",") + "}"
    }
    return (
      sql,
      [
        ("timestamptz", Timestamp.format(SampleDatabase.start)),
        ("timestamptz", Timestamp.format(SampleDatabase.start + 6 * 3600)),
        ("float8[]", array(amountEdges)),
        ("text[]", "{north,south,east,west}"),
      ]
    )
  }

  @Test func thePushdownStatementAggregatesOnTheShards() throws {
    let (set, _) = try ShardedSetTests.loaded.get()
    let (sql, parameters) = try Self.statement(partitionKey: "bucket")
    let plan = PlanCheck(plan: try set.explain(sql, parameters: parameters))
    let scans = plan.foreignScans
    // One aggregate per UNION ALL branch (one per feature: its missing, infinite and grid-cell
    // groups, or its categories) and shard.
    #expect(!scans.isEmpty && scans.count % ShardedSet.shardCount == 0, "\(plan.plan)")
    for scan in scans {
      #expect(scan.aggregatesOnShard, "a shard sends rows, not aggregates:\n\(plan.plan)")
    }
    #expect(plan.coordinatorAggregates.isEmpty, "the coordinator aggregates:\n\(plan.plan)")
    #expect(plan.plan.contains("width_bucket"), "\(plan.plan)")
  }

  @Test func withoutThePartitionKeyTheCoordinatorAggregates() throws {
    let (set, _) = try ShardedSetTests.loaded.get()
    let (sql, parameters) = try Self.statement(partitionKey: nil)
    let plan = PlanCheck(plan: try set.explain(sql, parameters: parameters))
    // The materialized window is fetched row by row and aggregated on the coordinator.
    #expect(plan.foreignScans.allSatisfy { !$0.aggregatesOnShard }, "\(plan.plan)")
    #expect(!plan.coordinatorAggregates.isEmpty, "\(plan.plan)")
  }
}
