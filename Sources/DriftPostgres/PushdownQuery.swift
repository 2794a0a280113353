import DriftConfig
import DriftStats
import Foundation
import PostgresNIO

/// Reads windows of a monitor's target as push-down aggregates (`mode: pushdown`): one statement
/// per window (``PushdownStatement``) in the same read-only transaction as the pull mode; only
/// counts, ranges and sums cross the network.
public struct PushdownQuery: Sendable {
  /// The window reader whose connection, transaction and window SELECT this reuses.
  public var window: PostgresWindowQuery

  /// A push-down reader for `window`'s source.
  public init(window: PostgresWindowQuery) {
    self.window = window
  }

  /// The window's rows and each feature's aggregate, for the features of `profile`.
  ///
  /// - Throws: ``PostgresSourceError`` naming the server and the cause.
  public func read(
    start: Int64, end: Int64, profile: BaselineProfile, sample: SampleRequest? = nil
  ) throws(PostgresSourceError)
    -> (rows: Int, aggregates: [FeatureAggregate], sample: Table?)
  {
    let options = window.source.pushdown
    let plans = PushdownFeature.plans(
      for: profile, grid: options.grid, maxCategories: options.maxCategories)
    let session = try PostgresSession.open(window.source)
    defer { session.close() }
    let materialized: Bool
    switch window.source.relation {
    case .table: materialized = false
    case .query: materialized = true
    }
    return try session.readOnly { () throws(PostgresSourceError) in
      // Reproducible sums: parallel workers would add a cell's values in another order on each
      // run (the last bits of a binned result or of Welch's t would change); each aggregate runs
      // in one process, and the features' aggregates one after another.
      try session.run(PostgresQuery(unsafeSQL: "SET LOCAL max_parallel_workers_per_gather = 0"))
      let inner = try window.statement(session: session, features: columns(plans))
      let sql = PushdownStatement.sql(
        windowSQL: inner.sql, features: plans, partitionKey: options.partitionKey,
        materialized: materialized)
      var query = inner.query(start: start, end: end)
      query.sql = sql
      for plan in plans {
        switch plan.plan {
        case .numeric(let edges): query.binds.append(edges)
        case .categorical(let labels, _, _): query.binds.append(labels)
        }
      }
      let rows = try session.rows(query)
      var result = try PushdownResult.decode(rows, plans: plans, source: window.source)
      // Features whose grid cells show few distinct values: their counts per distinct value.
      let few = PushdownDistinct.candidates(result.aggregates, grid: options.grid)
      if !few.isEmpty {
        var distinct = inner.query(start: start, end: end)
        distinct.sql = PushdownDistinct.sql(
          windowSQL: inner.sql, features: few.map { ($0, plans[$0].name) },
          limit: PushdownDistinct.limit(
            grid: options.grid, partitioned: options.partitionKey != nil),
          partitionKey: options.partitionKey, materialized: materialized)
        let pairs = try session.rows(distinct)
        result.aggregates = try PushdownDistinct.apply(
          pairs, to: result.aggregates, features: few, grid: options.grid,
          partitioned: options.partitionKey != nil, source: window.source)
      }
      guard let sample, result.rows > 0 else { return (result.rows, result.aggregates, nil) }
      var sampleQuery = inner.query(start: start, end: end)
      sampleQuery.sql = Self.sampleSQL(windowSQL: inner.sql, rows: sample.rows)
      sampleQuery.binds.append(String(sample.seed))
      let names = plans.map(\.name)
      let kinds = Dictionary(uniqueKeysWithValues: profile.features.map { ($0.name, $0.kind) })
      let reader = WindowRows(features: names, kinds: kinds, onBadRow: .skip)
      try session.stream(sampleQuery) { try reader.add($0) }
      return (result.rows, result.aggregates, reader.table())
    }
  }

  /// Which rows to sample for the drift magnitude: at most `rows`, chosen by `seed`.
  public struct SampleRequest: Sendable, Equatable {
    /// Most rows.
    public var rows: Int
    /// The seed; the same seed picks the same rows of the same window every time.
    public var seed: UInt64

    /// Creates a request.
    public init(rows: Int, seed: UInt64) {
      self.rows = rows
      self.seed = seed
    }
  }

  /// The statement that reads the window's sample: the rows with the smallest 64-bit hash of
  /// their values and the seed (`$3`, hashed to the 64-bit seed of `hash_record_extended`).
  /// The same window and seed give the same rows every time, whatever the table's physical
  /// order (TABLESAMPLE REPEATABLE depends on it, and samples a share of pages, not at most N
  /// rows). Equal hashes come from equal rows (interchangeable) or, for different rows, with a
  /// chance of about one in 2^64 per pair. The hash reads each column's binary value (no text
  /// conversion of the row), and the LIMIT makes the sort a bounded top-N heap.
  public static func sampleSQL(windowSQL: String, rows: Int) -> String {
    "SELECT s.* FROM (\n\(windowSQL)\n) AS s "
      + "ORDER BY hash_record_extended(s, hashtextextended($3::text, 0)) LIMIT \(rows)"
  }

  /// The columns the window SELECT must return: the features and the partition key.
  public func columns(_ plans: [PushdownFeature]) -> [String] {
    var names = plans.map(\.name)
    if let key = window.source.pushdown.partitionKey, !names.contains(key) { names.append(key) }
    return names
  }
}
