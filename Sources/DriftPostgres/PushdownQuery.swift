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
  /// With `parallel:` above 1 the features' aggregates (and the sample) are split across that
  /// many connections of the server's pool (``PushdownSplit``), as many as are free at once (at
  /// least the window's own): the first opens a `REPEATABLE READ, READ ONLY` transaction and
  /// exports its snapshot, the others import it before their first query, so every connection
  /// reads the same rows. A failure on any connection fails the window: the others send no
  /// further statement, nothing is returned, and every connection is released (closed, not
  /// reused).
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
    var split = PushdownSplit(plans, sample: sample != nil, connections: options.parallel)
    let first = try PostgresSession.open(window.source)
    var sessions = [first]
    defer { for session in sessions { session.close() } }
    // The extra connections only if free now: waiting for them could deadlock windows that
    // each hold one (the results are the same on any number of connections).
    while sessions.count < split.parts.count,
      let extra = try PostgresSession.openIfFree(window.source)
    {
      sessions.append(extra)
    }
    do {
      try first.beginPushdown(snapshot: nil)
      if sessions.count > 1 {
        let snapshot = try first.exportSnapshot()
        for session in sessions.dropFirst() { try session.beginPushdown(snapshot: snapshot) }
      }
      let inner = try window.statement(session: first, features: columns(plans))
      if sessions.count < split.parts.count {
        // Fewer connections were free: the same rule over the ones there are.
        split = PushdownSplit(plans, sample: sample != nil, connections: sessions.count)
      }
      let work = PushdownWork(
        query: self, inner: inner, plans: plans, start: start, end: end, sample: sample,
        profile: profile)
      let results = try PushdownWork.run(split.parts, on: sessions, work)
      var result = try PushdownResult.decode(
        results.flatMap(\.aggregates), plans: plans, source: window.source)
      let few = PushdownDistinct.candidates(result.aggregates, grid: options.grid)
      if !few.isEmpty {
        result.aggregates = try PushdownDistinct.apply(
          results.flatMap(\.distinct), to: result.aggregates, features: few, grid: options.grid,
          partitioned: options.partitionKey != nil, source: window.source)
      }
      for session in sessions { try session.commit() }
      let table = result.rows > 0 ? results.lazy.compactMap(\.sample).first : nil
      return (result.rows, result.aggregates, table)
    } catch {
      // A transaction left open, or a statement cut short: no connection goes back to the pool.
      for session in sessions { session.discard() }
      throw error
    }
  }

  /// The statement that opens every push-down window's transaction (what `--explain` prints).
  public static let beginStatement = PostgresSession.pushdownBegin

  /// The settings every push-down transaction makes after its `statement_timeout`.
  public static let settingStatements = PostgresSession.pushdownSettings

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
