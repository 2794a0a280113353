import DriftConfig
import DriftStats
import Foundation
import Testing

@testable import DriftPostgres

/// The connection pool shared by the monitors of one server, counted on the real server in
/// `pg_stat_activity`.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct PostgresPoolTests {
  /// Connections of `role` the server has open now.
  static func connections(_ db: SampleDatabase, role: String) throws -> Int {
    let text = try db.server.sql(
      "SELECT count(*) FROM pg_stat_activity WHERE usename = '\(role)' "
        + "AND application_name = 'driftwatch'")
    return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }

  /// A role of its own, so other suites' connections are not counted.
  static func role(_ db: SampleDatabase, _ name: String) throws -> PostgresSource.PasswordSource {
    try db.server.sql(
      """
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(name)') THEN
          CREATE ROLE \(name) LOGIN PASSWORD '\(SampleDatabase.readerPassword)';
        END IF;
      END $$;
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(name);
      """, database: "drift")
    return .file(db.passwordFile)
  }

  @Test func manyReadsOnOneServerOpenAtMostPoolSizeConnections() throws {
    let db = try SampleDatabase.shared.get()
    let password = try Self.role(db, "pooled")
    let pools = PostgresPools()
    let poolSize = 2
    let readers = 6
    // Each read holds its connection for a moment, so the readers overlap.
    let sources = (0..<readers).map { index in
      PostgresSource(
        host: "127.0.0.1", port: db.server.port, database: "drift", user: "pooled",
        password: password,
        relation: .query(
          "SELECT amount, \(index) AS monitor FROM requests, (SELECT pg_sleep(0.2)) AS nap "
            + "LIMIT 10"),
        statementTimeout: 30, connectTimeout: 30, poolSize: poolSize)
    }
    let peak = PeakCounter()
    let sampling = Thread {
      while !peak.isStopped {
        if let count = try? Self.connections(db, role: "pooled") { peak.record(count) }
        Thread.sleep(forTimeInterval: 0.02)
      }
      peak.finish()
    }
    sampling.start()
    let results = ParallelResults<Int>(count: readers)
    DispatchQueue.concurrentPerform(iterations: readers) { index in
      let query = PostgresBaselineQuery(
        baseline: PostgresBaselineSource(source: sources[index]), timestampColumn: "ts")
      results.set(
        index,
        Result {
          try query.read(columns: nil, exclude: [], kinds: [:], onBadRow: .fail, pools: pools)
            .rowCount
        })
    }
    peak.stop()
    let rows = try results.values()
    #expect(rows == Array(repeating: 10, count: readers))
    #expect(peak.maximum <= poolSize, "peak \(peak.maximum)")
    #expect(peak.maximum >= 1)
    // Between windows the connections stay open for the next one, at most pool_size of them.
    let open = pools.openConnections(for: sources[0])
    #expect((1...poolSize).contains(open))
    #expect(try Self.connections(db, role: "pooled") == open)
    // Shutdown closes them.
    pools.closeAll()
    #expect(pools.openConnections(for: sources[0]) == 0)
    var left = try Self.connections(db, role: "pooled")
    for _ in 0..<100 where left > 0 {
      Thread.sleep(forTimeInterval: 0.05)
      left = try Self.connections(db, role: "pooled")
    }
    #expect(left == 0)
  }

  @Test func otherSettingsGetTheirOwnPoolAndRetainClosesTheUnused() throws {
    let db = try SampleDatabase.shared.get()
    let password = try Self.role(db, "pooled2")
    let pools = PostgresPools()
    func source(_ size: Int) -> PostgresSource {
      PostgresSource(
        host: "127.0.0.1", port: db.server.port, database: "drift", user: "pooled2",
        password: password, relation: .table("requests"), statementTimeout: 30,
        connectTimeout: 5, poolSize: size)
    }
    for size in [1, 3] {
      _ = try PostgresBaselineQuery(
        baseline: PostgresBaselineSource(source: source(size)), timestampColumn: "ts"
      ).read(columns: ["amount"], exclude: [], kinds: [:], onBadRow: .fail, pools: pools)
    }
    #expect(pools.openConnections(for: source(1)) == 1)
    #expect(pools.openConnections(for: source(3)) == 1)
    // A reload that keeps only the pool_size: 3 monitors closes the other pool.
    pools.retain([source(3)])
    #expect(pools.openConnections(for: source(1)) == 0)
    #expect(pools.openConnections(for: source(3)) == 1)
    pools.closeAll()
  }
}

/// The largest count seen by a sampling thread.
final class PeakCounter: @unchecked Sendable {
  private let condition = NSCondition()
  private var peak = 0
  private var stopping = false
  private var finished = false

  var isStopped: Bool { condition.withLock { stopping } }
  var maximum: Int { condition.withLock { peak } }

  func record(_ value: Int) { condition.withLock { peak = max(peak, value) } }

  /// Asks the sampler to stop and waits until it has.
  func stop() {
    condition.lock()
    stopping = true
    while !finished { condition.wait() }
    condition.unlock()
  }

  func finish() {
    condition.withLock {
      finished = true
      condition.broadcast()
    }
  }
}
