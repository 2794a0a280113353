import DriftConfig
import DriftData
import DriftStats
import Foundation
import Testing

@testable import DriftPostgres

/// The sharded set (a coordinator over two postgres_fdw shards): a window's aggregation runs on
/// the shards, and pulling a window gives the plain server's rows.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct ShardedSetTests {
  /// 2,400 rows, one every 9 s from SampleDatabase.start, in 16 buckets (the partition key).
  static let rows = """
    SELECT i::bigint, (i % 16)::int, to_timestamp(\(SampleDatabase.start) + i * 9),
      CASE WHEN i % 37 = 0 THEN NULL WHEN i % 41 = 0 THEN 'NaN'::float8
        ELSE ((i * 7919) % 1009) * 0.37 - 50 + i / 3000.0 END::float8,
      (i % 13)::int4, ((i * 7) % 1000 / 8.0)::numeric(10,3),
      CASE WHEN i % 11 = 0 THEN NULL ELSE (ARRAY['north','south','east','west'])[1 + i % 4] END,
      (i % 5 = 0)
    FROM generate_series(0, 2399) AS i
    """

  /// The set, loaded once; and the same rows in a plain table `fleet` on the sample server.
  static let loaded = Result { () throws -> (ShardedSet, SampleDatabase) in
    let set = try ShardedSet.shared.get()
    try set.load(rows)
    let db = try SampleDatabase.shared.get()
    try db.server.sql(
      "CREATE TABLE fleet (\(ShardedSet.columns)); INSERT INTO fleet \(rows); "
        + "GRANT SELECT ON fleet TO reader", database: "drift")
    return (set, db)
  }

  /// A window aggregation of the push-down shape, grouped by the partition key: per feature,
  /// counts, missing, sum, sum of squares, min and max; counts per bin of `$1` (the bin edges)
  /// for the numeric feature; counts per category of `$4` for the categorical one.
  static func aggregation(binCount: Int, categories: Int) -> String {
    var columns = [
      "bucket", "count(*) AS rows",
      "count(*) FILTER (WHERE amount IS NULL OR amount = 'NaN'::float8) AS amount_missing",
      "sum(amount) FILTER (WHERE amount <> 'NaN'::float8) AS amount_sum",
      "sum(amount * amount) FILTER (WHERE amount <> 'NaN'::float8) AS amount_squares",
      "min(amount) FILTER (WHERE amount <> 'NaN'::float8) AS amount_min",
      "max(amount) FILTER (WHERE amount <> 'NaN'::float8) AS amount_max",
      "count(visits) AS visits_count", "sum(visits) AS visits_sum",
      "min(visits) AS visits_min", "max(visits) AS visits_max",
    ]
    for bin in 0...binCount {
      columns.append(
        "count(*) FILTER (WHERE width_bucket(amount, $1::float8[]) = \(bin) "
          + "AND amount <> 'NaN'::float8) AS amount_bin_\(bin)")
    }
    for category in 1...categories {
      columns.append(
        "count(*) FILTER (WHERE city = ($4::text[])[\(category)]) AS city_\(category)")
    }
    columns.append("count(*) FILTER (WHERE city IS NULL) AS city_missing")
    return "SELECT " + columns.joined(separator: ", ")
      + " FROM requests WHERE ts >= $2 AND ts < $3 GROUP BY bucket"
  }

  /// Checks that `sql` with `parameters` aggregates on every shard and fetches no plain rows:
  /// the plan's only scans of the window are Foreign Scans of an aggregate relation whose
  /// Remote SQL groups, one per shard, with no Aggregate node on the coordinator.
  ///
  /// Takes the statement as input: point it at the push-down statement builder's SQL.
  static func expectAggregationOnShards(
    _ sql: String, parameters: [(type: String, literal: String)], set: ShardedSet
  ) throws {
    let plan = PlanCheck(plan: try set.explain(sql, parameters: parameters))
    let scans = plan.foreignScans
    #expect(scans.count == ShardedSet.shardCount, "\(plan.plan)")
    for scan in scans {
      #expect(scan.aggregatesOnShard, "a shard sends rows, not aggregates:\n\(plan.plan)")
    }
    #expect(plan.coordinatorAggregates.isEmpty, "the coordinator aggregates:\n\(plan.plan)")
  }

  @Test func windowAggregationRunsOnTheShards() throws {
    let (set, _) = try Self.loaded.get()
    let edges = (1...9).map { String(-50 + Double($0) * 37.3) }
    try Self.expectAggregationOnShards(
      Self.aggregation(binCount: 10, categories: 4),
      parameters: [
        ("float8[]", "{\(edges.joined(separator: ","))}"),
        ("timestamptz", Timestamp.format(SampleDatabase.start + 3600)),
        ("timestamptz", Timestamp.format(SampleDatabase.start + 7200)),
        ("text[]", "{north,south,east,west}"),
      ], set: set)
  }

  @Test func theCheckFailsOnAPlanThatFetchesRows() throws {
    let (set, _) = try Self.loaded.get()
    // Grouped by a column that is not the partition key: PostgreSQL 15 pushes no partial
    // aggregate, so the shards send rows and the coordinator aggregates them.
    let plan = PlanCheck(
      plan: try set.explain(
        "SELECT city, count(*), sum(amount) FROM requests WHERE ts >= $1 AND ts < $2 GROUP BY city",
        parameters: [
          ("timestamptz", Timestamp.format(SampleDatabase.start)),
          ("timestamptz", Timestamp.format(SampleDatabase.start + 3600)),
        ]))
    #expect(!plan.foreignScans.isEmpty)
    #expect(plan.foreignScans.allSatisfy { !$0.aggregatesOnShard }, "\(plan.plan)")
    #expect(!plan.coordinatorAggregates.isEmpty, "\(plan.plan)")
  }

  @Test func pullingAWindowGivesThePlainServersRows() throws {
    let (set, db) = try Self.loaded.get()
    let features = ["amount", "visits", "price", "city", "premium"]
    let kinds: [String: ColumnKind] = [
      "amount": .numeric, "visits": .numeric, "price": .numeric, "city": .categorical,
      "premium": .boolean,
    ]
    let start = SampleDatabase.start + 1800
    let plain = PostgresWindowQuery(source: db.source(.table("fleet")), timestampColumn: "ts")
    let sharded = PostgresWindowQuery(
      source: db.source(.table("requests"), port: set.coordinator.port), timestampColumn: "ts")
    let (fromPlain, _) = try plain.read(
      start: start, end: start + 7200, features: features, kinds: kinds, onBadRow: .fail)
    let (fromShards, _) = try sharded.read(
      start: start, end: start + 7200, features: features, kinds: kinds, onBadRow: .fail)
    #expect(fromPlain.rowCount == 800)
    #expect(fromShards.rowCount == fromPlain.rowCount)
    // The shards' rows arrive in another order: compare each column as a multiset.
    for (a, b) in zip(fromPlain.columns, fromShards.columns) {
      #expect(a.name == b.name)
      #expect(a.kind == b.kind)
      #expect(Self.multiset(a.values) == Self.multiset(b.values), "\(a.name)")
    }
    // And the statistics of a comparison with one profile are the same.
    let profile = try BaselineProfile(table: fromPlain, featureNames: features)
    let settings = DriftSettings()
    let a = try Evaluator.evaluate(profile: profile, target: fromPlain, settings: settings)
    let b = try Evaluator.evaluate(profile: profile, target: fromShards, settings: settings)
    for (x, y) in zip(a.features, b.features) {
      #expect(x.tests == y.tests, "\(x.name)")
    }
  }

  /// A column's values without their order: sorted bit patterns, or counts per label.
  static func multiset(_ values: ColumnValues) -> [String] {
    switch values {
    case .numeric(let column):
      return column.values.map { String($0.bitPattern) }.sorted()
    case .categorical(let column):
      return column.codes.map { $0 < 0 ? "<missing>" : column.categories[Int($0)] }.sorted()
    }
  }
}
