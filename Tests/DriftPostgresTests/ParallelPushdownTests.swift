import DriftConfig
import DriftStats
import DriftStore
import Foundation
import PostgresNIO
import Testing

@testable import DriftPostgres

/// `parallel:`: a push-down window split across connections reads one snapshot and gives the
/// same bits as on one connection, on the plain server and on the sharded set.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct ParallelPushdownTests {
  /// A profile of the sample tables' five features, with values unlike the window's so that
  /// the numeric grids are binned and some cells hold several values.
  static func profile() throws -> BaselineProfile {
    func numeric(_ name: String, _ scale: Double) -> Column {
      Column(
        name: name, kind: .numeric,
        values: .numeric(
          NumericColumn(values: (0..<400).map { Double(($0 * 37) % 211) * scale - 30 })))
    }
    let labels = Column(
      name: "city", kind: .categorical,
      values: .categorical(
        CategoricalColumn(
          codes: (0..<400).map { Int32($0 % 3) }, categories: ["north", "south", "east"])))
    let flags = Column(
      name: "premium", kind: .boolean,
      values: .categorical(
        CategoricalColumn(codes: (0..<400).map { Int32($0 % 2) }, categories: ["true", "false"])))
    return try BaselineProfile(
      table: Table(
        columns: [
          numeric("amount", 0.7), numeric("visits", 0.07), numeric("price", 0.6), labels, flags,
        ], rowCount: 400))
  }

  /// One window read with `parallel` connections: rows, aggregates and sample as text (NaN is
  /// not equal to itself as a Double; its text is), and the pool's open connections after.
  static func read(
    _ source: PostgresSource, parallel: Int, grid: Int, partitionKey: String? = nil
  ) throws -> (rows: Int, aggregates: String, sample: String, open: Int) {
    var source = source
    source.pushdown = PushdownOptions(
      grid: grid, maxCategories: 10, partitionKey: partitionKey, parallel: parallel)
    let query = PushdownQuery(window: PostgresWindowQuery(source: source, timestampColumn: "ts"))
    let result = try query.read(
      start: SampleDatabase.start, end: SampleDatabase.start + 7200, profile: try profile(),
      sample: PushdownQuery.SampleRequest(rows: 60, seed: 11))
    let sample = result.sample.map { "\($0.columns)" } ?? "none"
    return (
      result.rows, "\(result.aggregates)", sample,
      PostgresPools.shared.pool(for: source).openCount
    )
  }

  @Test(arguments: [8, 2_000])
  func twoConnectionsGiveTheBitsOfOneOnThePlainServer(grid: Int) throws {
    let db = try SampleDatabase.shared.get()
    let source = db.source(.table("requests"))
    let one = try Self.read(source, parallel: 1, grid: grid)
    let two = try Self.read(source, parallel: 2, grid: grid)
    #expect(one.rows == 400)
    #expect(two.rows == one.rows)
    #expect(two.aggregates == one.aggregates)
    #expect(two.sample == one.sample && one.sample != "none")
    // The window did use both connections of the pool (kept open for the next window).
    #expect(two.open == 2)
  }

  /// Through the scheduler: the stored history of `parallel: 2` is the history of
  /// `parallel: 1`, every statistic and p-value bit for bit.
  @Test func twoConnectionsStoreTheHistoryOfOne() async throws {
    let db = try SampleDatabase.shared.get()
    func history(_ parallel: Int) async throws -> [HistoryRow] {
      let (_, configuration, store) = try PostgresPushdownTests.setUp(
        db, pushdown: ", grid: 50, parallel: \(parallel)",
        tests: "[ks, psi, wasserstein, energy, welch_t, missing_rate]")
      let passes = await PostgresPushdownTests.run(configuration, store)
      #expect(passes["pg"]?.stored == [.ok: 3])
      return try store.history(HistoryQuery(monitor: "pg"))
    }
    let one = try await history(1)
    let two = try await history(2)
    // Per window: 6 tests on each of 3 numeric features, 4 on each of 2 categorical ones.
    let perWindow: Int = 3 * 6 + 2 * 4
    #expect(one.count == 3 * perWindow)
    #expect(two.count == one.count)
    for (a, b) in zip(one, two) {
      let what = "\(a.window.start) \(a.result.feature) \(a.result.test)"
      let same: Bool = a.window == b.window && a.result.feature == b.result.feature
      #expect(same, "\(what)")
      #expect(a.result.test == b.result.test, "\(what)")
      let statistics: (UInt64?, UInt64?) = (
        a.result.statistic?.bitPattern, b.result.statistic?.bitPattern
      )
      let pValues: (UInt64?, UInt64?) = (a.result.pValue?.bitPattern, b.result.pValue?.bitPattern)
      #expect(statistics.0 == statistics.1, "\(what)")
      #expect(pValues.0 == pValues.1, "\(what)")
      #expect(a.result.exactness == b.result.exactness, "\(what)")
    }
  }

  @Test func twoConnectionsGiveTheBitsOfOneOnTheShardedSet() throws {
    let (set, db) = try ShardedSetTests.loaded.get()
    let source = db.source(.table("requests"), port: set.coordinator.port)
    for key in [nil, "bucket"] {
      let one = try Self.read(source, parallel: 1, grid: 8, partitionKey: key)
      let two = try Self.read(source, parallel: 2, grid: 8, partitionKey: key)
      #expect(one.rows == 800)
      #expect(two.rows == one.rows, "\(key ?? "no key")")
      #expect(two.aggregates == one.aggregates, "\(key ?? "no key")")
      #expect(two.sample == one.sample, "\(key ?? "no key")")
    }
  }

  /// A row inserted into the window after the first connection exported its snapshot and
  /// before the second imported it is seen by neither; a new transaction sees it.
  @Test func theConnectionsShareOneSnapshot() throws {
    let db = try SampleDatabase.shared.get()
    try db.server.sql(
      """
      CREATE TABLE IF NOT EXISTS snapshot_probe AS SELECT * FROM requests;
      GRANT SELECT ON snapshot_probe TO reader;
      """, database: "drift")
    let source = db.source(.table("snapshot_probe"))
    let pools = PostgresPools()
    defer { pools.closeAll() }
    let count = "SELECT count(*)::int8 FROM snapshot_probe"
    func rows(_ session: PostgresSession) throws -> Int64 {
      let rows = try session.rows(PostgresQuery(unsafeSQL: count))
      return try #require(rows.first).decode(Int64.self)
    }
    let first = try PostgresSession.open(source, pools: pools)
    defer { first.close() }
    let second = try #require(try PostgresSession.openIfFree(source, pools: pools))
    defer { second.close() }
    try first.beginPushdown(snapshot: nil)
    let snapshot = try first.exportSnapshot()
    let before = try db.server.sql(count, database: "drift")
    try db.server.sql(
      "INSERT INTO snapshot_probe (ts, amount) VALUES (to_timestamp(\(SampleDatabase.start + 60)), 1)",
      database: "drift")
    try second.beginPushdown(snapshot: snapshot)
    let seenByFirst = try rows(first)
    let seenBySecond = try rows(second)
    #expect("\(seenByFirst)" == before.trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(seenBySecond == seenByFirst)
    try first.commit()
    try second.commit()
    // Both pool connections were in use: a third is not free.
    #expect(try PostgresSession.openIfFree(source, pools: pools) == nil)
    let fresh = try db.server.sql(count, database: "drift")
    #expect(fresh.trimmingCharacters(in: .whitespacesAndNewlines) == "\(seenByFirst + 1)")
  }

  /// A failure on one connection fails the window: the other connection's statement is cut
  /// short, nothing is returned, and neither connection goes back to the pool.
  @Test func aFailureOnOneConnectionFailsTheWindowAndReleasesBoth() throws {
    let db = try SampleDatabase.shared.get()
    // A view whose numeric feature fails to convert on some rows: the part that reads it fails.
    try db.server.sql(
      """
      CREATE OR REPLACE VIEW failing_part AS SELECT ts, amount, visits,
        (CASE WHEN visits = 12 THEN 'oops' ELSE price::text END)::numeric AS price, city, premium
        FROM requests;
      GRANT SELECT ON failing_part TO reader;
      """, database: "drift")
    // A password given inline: a pool of its own, which no other test has used.
    let secret = PostgresSource.PasswordSource.value(NotifierSecret(SampleDatabase.readerPassword))
    let source = db.source(.table("failing_part"), password: secret)
    let pool = PostgresPools.shared.pool(for: source)
    #expect(pool.openCount == 0)
    let error = #expect(throws: PostgresSourceError.self) {
      _ = try Self.read(source, parallel: 2, grid: 8)
    }
    #expect(error?.message.contains("oops") == true, "\(String(describing: error))")
    // Every connection of the failed window was closed, none kept for the next window.
    #expect(pool.openCount == 0)
    // The next window opens new ones and succeeds on both.
    let next = try Self.read(db.source(.table("requests"), password: secret), parallel: 2, grid: 8)
    #expect(next.rows == 400 && next.open == 2)
  }

  @Test func theSplitBalancesByCostAndIsFixed() throws {
    let plans = PushdownFeature.plans(for: try Self.profile(), grid: 2_000, maxCategories: 10)
    let split = PushdownSplit(plans, sample: true, connections: 2)
    #expect(split.parts.count == 2)
    #expect(Set(split.parts.flatMap(\.features)) == Set(plans.indices))
    #expect(split.parts.filter(\.sample).count == 1)
    let costs = split.parts.map(\.cost)
    #expect(abs(costs[0] - costs[1]) <= PushdownSplit.sampleCost(features: plans.count))
    #expect(PushdownSplit(plans, sample: true, connections: 2) == split)
    // One connection: everything on it; more connections than units: one unit each.
    #expect(
      PushdownSplit(plans, sample: false, connections: 1).parts.map(\.features) == [
        [0, 1, 2, 3, 4]
      ])
    #expect(PushdownSplit(plans, sample: true, connections: 9).parts.count == 6)
    #expect(PushdownSplit([], sample: false, connections: 2).parts == [PushdownSplit.Part()])
  }
}
