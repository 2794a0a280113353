import DriftData
import Foundation
import Testing

@testable import DriftPostgres

/// The push-down statement driftwatch sends (``PushdownStatement/sql(windowSQL:features:partitionKey:)``
/// over the real window SELECT), explained on the sharded set: with `partition_key:` every
/// aggregate runs on the shards and only aggregates cross to the coordinator.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct ShardedPushdownTests {
  /// The statement and its parameters for a window of `requests` with two numeric features and
  /// one categorical feature, grouped by the partition key `bucket` when `partitionKey` is set.
  static func statement(partitionKey: String?) throws -> (String, [(type: String, literal: String)]) {
    var columns = ["amount", "visits", "city"]
    if let partitionKey { columns.append(partitionKey) }
    let window = try #require(
      WindowStatement.table(
        "requests", timestampColumn: "ts", type: .timestamptz, features: columns))
    let amountEdges = (1...9).map { -50 + Double($0) * 37.3 }
    let visitsEdges: [Double] = [2, 4, 6, 8, 10]
    let features = [
      PushdownFeature(name: "amount", plan: .numeric(edges: amountEdges)),
      PushdownFeature(name: "visits", plan: .numeric(edges: visitsEdges)),
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
        ("timestamptz", Timestamp.format(SampleDatabase.start + 3600)),
        ("timestamptz", Timestamp.format(SampleDatabase.start + 7200)),
        ("float8[]", array(amountEdges)),
        ("float8[]", array(visitsEdges)),
        ("text[]", "{north,south,east,west}"),
      ]
    )
  }

  @Test func thePushdownStatementAggregatesOnTheShards() throws {
    let (set, _) = try ShardedSetTests.loaded.get()
    let (sql, parameters) = try Self.statement(partitionKey: "bucket")
    let plan = PlanCheck(plan: try set.explain(sql, parameters: parameters))
    let scans = plan.foreignScans
    // One aggregate per UNION ALL branch and shard: the row count, and per feature its
    // missing/infinite counts and its grouped bins or categories.
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
