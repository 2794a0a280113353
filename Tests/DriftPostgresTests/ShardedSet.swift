import Foundation

/// Three real PostgreSQL 15 servers for the distributed tests: a coordinator whose `requests`
/// table is hash-partitioned on `bucket` into two `postgres_fdw` foreign tables, one on each
/// shard server, with `enable_partitionwise_aggregate = on`.
///
/// Started in parallel (each is `initdb` + `pg_ctl start` in its own temporary folder, as the
/// postgres user, on a loopback port), stopped when the test process exits. The read-only role
/// `reader` exists on the coordinator; the coordinator reaches the shards as their superuser
/// through a user mapping (password authentication, as postgres_fdw requires).
final class ShardedSet: Sendable {
  /// The table's columns, in order, as written in `CREATE TABLE`.
  static let columns =
    "id bigint, bucket int, ts timestamptz, amount float8, visits int4, price numeric(10,3), "
    + "city text, premium boolean"
  /// Hash partitions (and shard servers).
  static let shardCount = 2

  let coordinator: PostgresServer
  let shards: [PostgresServer]

  /// The set the suites share, started once.
  static let shared = Result { try ShardedSet() }

  /// Starts the three servers in parallel and makes the partitioned table (empty).
  init() throws {
    let started = ParallelResults<PostgresServer>(count: 1 + Self.shardCount)
    DispatchQueue.concurrentPerform(iterations: 1 + Self.shardCount) { index in
      started.set(
        index,
        Result {
          try PostgresServer(
            settings: index == 0
              ? ["enable_partitionwise_aggregate = on", "enable_partitionwise_join = on"] : [])
        })
    }
    let servers = try started.values()
    coordinator = servers[0]
    shards = Array(servers.dropFirst())
    for (index, shard) in shards.enumerated() {
      try shard.sql("CREATE DATABASE drift")
      try shard.sql("CREATE TABLE requests_p\(index) (\(Self.columns))", database: "drift")
    }
    try coordinator.sql("CREATE DATABASE drift")
    var setup = [
      "CREATE EXTENSION postgres_fdw",
      "CREATE ROLE reader LOGIN PASSWORD '\(SampleDatabase.readerPassword)'",
      "CREATE TABLE requests (\(Self.columns)) PARTITION BY HASH (bucket)",
    ]
    for (index, shard) in shards.enumerated() {
      setup += [
        "CREATE SERVER shard\(index) FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', "
          + "port '\(shard.port)', dbname 'drift', fetch_size '10000', batch_size '1000', "
          + "use_remote_estimate 'true', fdw_tuple_cost '10')",
        "CREATE USER MAPPING FOR PUBLIC SERVER shard\(index) OPTIONS (user 'postgres', "
          + "password '\(PostgresServer.superPassword)')",
        "CREATE FOREIGN TABLE requests_p\(index) PARTITION OF requests FOR VALUES WITH "
          + "(MODULUS \(Self.shardCount), REMAINDER \(index)) SERVER shard\(index) "
          + "OPTIONS (table_name 'requests_p\(index)')",
      ]
    }
    setup.append("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader")
    try coordinator.sql(setup.joined(separator: ";\n"), database: "drift")
  }

  /// Loads rows into the partitioned table (routed to the shards by `bucket`) and analyzes
  /// the shards' tables so the coordinator's remote estimates are right.
  ///
  /// - Parameter select: A SELECT returning the table's columns in order.
  func load(_ select: String) throws {
    try coordinator.sql("INSERT INTO requests \(select)", database: "drift")
    for (index, shard) in shards.enumerated() {
      try shard.sql("ANALYZE requests_p\(index)", database: "drift")
    }
  }

  /// The coordinator's plan of `sql` run with `parameters`: `EXPLAIN (VERBOSE, COSTS OFF)` of
  /// the statement prepared with its parameter types and executed with the literals (so the
  /// plan is the one the client's bound parameters get).
  func explain(_ sql: String, parameters: [(type: String, literal: String)]) throws -> String {
    let types = parameters.map(\.type).joined(separator: ", ")
    let values = parameters.map { "'\($0.literal.replacingOccurrences(of: "'", with: "''"))'" }
      .joined(separator: ", ")
    return try coordinator.sql(
      "PREPARE window_statement(\(types)) AS \(sql);\n"
        + "EXPLAIN (VERBOSE, COSTS OFF) EXECUTE window_statement(\(values))", database: "drift")
  }
}

/// Results written by parallel workers, one slot each.
final class ParallelResults<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Value, any Error>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<Value, any Error>) {
    lock.withLock { slots[index] = result }
  }

  /// The values in order; throws the first error.
  func values() throws -> [Value] {
    try lock.withLock { slots }.map {
      try ($0 ?? .failure(PostgresServer.Failure("no result"))).get()
    }
  }
}
