import DriftConfig
import DriftStats
import Foundation
import PostgresNIO

/// One push-down window's statements, run as the parts of a ``PushdownSplit`` on that many
/// connections at once (each connection's transaction already open on the window's shared
/// snapshot). Each part sends its features' aggregate statement, then (for those whose grid
/// cells show few distinct values) their distinct-value statement, and the row sample if it
/// holds it; the rows come back unparsed, to be merged by feature index.
struct PushdownWork: Sendable {
  /// The window reader (source, options, the sample's SQL).
  let query: PushdownQuery
  /// The window's SELECT.
  let inner: WindowStatement
  /// Every feature of the window, in order.
  let plans: [PushdownFeature]
  /// The window's bounds.
  let start: Int64
  let end: Int64
  /// The row sample asked for, if any.
  let sample: PushdownQuery.SampleRequest?
  /// The baseline profile (the sample's column kinds).
  let profile: BaselineProfile

  /// What one part read.
  struct Result: @unchecked Sendable {
    // PostgresRow is a value holding immutable buffers; each Result is written by one thread
    // and read after that thread is joined.
    /// Rows of the aggregate statement.
    var aggregates: [PostgresRow] = []
    /// Rows of the distinct-value statement.
    var distinct: [PostgresRow] = []
    /// The row sample, when this part read it.
    var sample: Table?
  }

  /// Runs `parts[i]` on `sessions[i]`, all at once (the first on this thread), and returns
  /// their results in part order.
  ///
  /// - Throws: The first failure of any part, after every part has ended (a part sends no
  ///   further statement once another has failed; the statement it is running ends on its own,
  ///   within `statement_timeout`).
  static func run(_ parts: [PushdownSplit.Part], on sessions: [PostgresSession], _ work: Self)
    throws(PostgresSourceError) -> [Result]
  {
    precondition(sessions.count >= parts.count, "one connection per part")
    guard parts.count > 1 else {
      return [try work.perform(parts[0], on: sessions[0], proceed: { true })]
    }
    let outcomes = Outcomes(sessions: Array(sessions.prefix(parts.count)))
    let group = DispatchGroup()
    for index in parts.indices.dropFirst() {
      group.enter()
      let thread = Thread {
        outcomes.perform(index, work, parts[index])
        group.leave()
      }
      thread.name = "driftwatch.pushdown.\(index)"
      thread.start()
    }
    outcomes.perform(0, work, parts[0])
    group.wait()
    return try outcomes.results()
  }

  /// Sends `part`'s statements on `session` and collects their rows; stops early (with what
  /// it has) when `proceed` says so before a statement.
  func perform(
    _ part: PushdownSplit.Part, on session: PostgresSession, proceed: () -> Bool
  ) throws(PostgresSourceError) -> Result {
    let source = query.window.source
    let options = source.pushdown
    let materialized: Bool
    switch source.relation {
    case .table: materialized = false
    case .query: materialized = true
    }
    var result = Result()
    if (!part.features.isEmpty || plans.isEmpty) && proceed() {
      let features = part.features.map { plans[$0] }
      var statement = inner.query(start: start, end: end)
      statement.sql = PushdownStatement.sql(
        windowSQL: inner.sql, features: features, ids: part.features,
        partitionKey: options.partitionKey, materialized: materialized)
      for plan in features {
        switch plan.plan {
        case .numeric(let edges): statement.binds.append(edges)
        case .categorical(let labels, _, _): statement.binds.append(labels)
        }
      }
      result.aggregates = try session.rows(statement)
      // Features whose grid cells show few distinct values: their counts per distinct value
      // (only this part's features have rows here).
      let decoded = try PushdownResult.decode(result.aggregates, plans: plans, source: source)
      let few = PushdownDistinct.candidates(decoded.aggregates, grid: options.grid)
      if !few.isEmpty && proceed() {
        var distinct = inner.query(start: start, end: end)
        distinct.sql = PushdownDistinct.sql(
          windowSQL: inner.sql, features: few.map { ($0, plans[$0].name) },
          limit: PushdownDistinct.limit(
            grid: options.grid, partitioned: options.partitionKey != nil),
          partitionKey: options.partitionKey, materialized: materialized)
        result.distinct = try session.rows(distinct)
      }
    }
    if part.sample, let sample, proceed() {
      var sampleQuery = inner.query(start: start, end: end)
      sampleQuery.sql = PushdownQuery.sampleSQL(windowSQL: inner.sql, rows: sample.rows)
      sampleQuery.binds.append(String(sample.seed))
      let kinds = Dictionary(uniqueKeysWithValues: profile.features.map { ($0.name, $0.kind) })
      let reader = WindowRows(features: plans.map(\.name), kinds: kinds, onBadRow: .skip)
      try session.stream(sampleQuery) { try reader.add($0) }
      result.sample = reader.table()
    }
    return result
  }

  /// The parts' results and failures, written by their threads.
  private final class Outcomes: @unchecked Sendable {
    // Each session is driven by one part's thread only; the results and the failure are
    // guarded by `lock`.
    private let sessions: [PostgresSession]
    private let lock = NSLock()
    private var finished: [Result?]
    private var failure: PostgresSourceError?

    init(sessions: [PostgresSession]) {
      self.sessions = sessions
      self.finished = Array(repeating: nil, count: sessions.count)
    }

    func perform(_ index: Int, _ work: PushdownWork, _ part: PushdownSplit.Part) {
      do {
        let result = try work.perform(part, on: sessions[index]) { self.proceed }
        lock.lock()
        finished[index] = result
        lock.unlock()
      } catch {
        lock.lock()
        // The first failure is the window's cause.
        if failure == nil { failure = error }
        lock.unlock()
      }
    }

    /// Whether no part has failed yet.
    var proceed: Bool {
      lock.lock()
      defer { lock.unlock() }
      return failure == nil
    }

    func results() throws(PostgresSourceError) -> [Result] {
      lock.lock()
      defer { lock.unlock() }
      if let failure { throw failure }
      return finished.map { $0 ?? Result() }
    }
  }
}
