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
  public func read(start: Int64, end: Int64, profile: BaselineProfile) throws(PostgresSourceError)
    -> (rows: Int, aggregates: [FeatureAggregate])
  {
    let options = window.source.pushdown
    let plans = PushdownFeature.plans(
      for: profile, grid: options.grid, maxCategories: options.maxCategories)
    let session = try PostgresSession.open(window.source)
    defer { session.close() }
    return try session.readOnly { () throws(PostgresSourceError) in
      let inner = try window.statement(session: session, features: columns(plans))
      let sql = PushdownStatement.sql(
        windowSQL: inner.sql, features: plans, partitionKey: options.partitionKey)
      var query = inner.query(start: start, end: end)
      query.sql = sql
      for plan in plans {
        switch plan.plan {
        case .numeric(let edges): query.binds.append(edges)
        case .categorical(let labels, _, _): query.binds.append(labels)
        }
      }
      let rows = try session.rows(query)
      return try PushdownResult.decode(rows, plans: plans, source: window.source)
    }
  }

  /// The columns the window SELECT must return: the features and the partition key.
  public func columns(_ plans: [PushdownFeature]) -> [String] {
    var names = plans.map(\.name)
    if let key = window.source.pushdown.partitionKey, !names.contains(key) { names.append(key) }
    return names
  }
}
