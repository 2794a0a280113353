import DriftConfig
import DriftData
import DriftStats
import Foundation
import PostgresNIO

/// Reads windows of a monitor's target from a PostgreSQL-protocol server (`mode: pull`): the
/// window's rows stream into the same typed columns the file readers build, so every test is
/// computed exactly as for files.
///
/// Each window opens one connection, runs one read-only transaction with the source's
/// `statement_timeout`, and closes. The bounds are always bound parameters.
public struct PostgresWindowQuery: Sendable {
  /// The server and the rows.
  public var source: PostgresSource
  /// The column that places each row in a window (`target.timestamp_column`).
  public var timestampColumn: String

  /// A window reader for `source`.
  public init(source: PostgresSource, timestampColumn: String) {
    self.source = source
    self.timestampColumn = timestampColumn
  }

  /// The rows of `[start, end)` (seconds since the epoch), `features` typed by `kinds`.
  ///
  /// - Parameters:
  ///   - features: Columns to keep, in this order; each must be in the result.
  ///   - kinds: Each feature's kind (the baseline's).
  ///   - onBadRow: `.skip` drops rows with a value that does not fit its kind; `.fail` stops.
  /// - Throws: ``PostgresSourceError`` naming the server and the cause.
  public func read(
    start: Int64, end: Int64, features: [String], kinds: [String: ColumnKind],
    onBadRow: BadRowPolicy
  ) throws(PostgresSourceError) -> (table: Table, rejectedRows: Int) {
    let session = try PostgresSession.open(source)
    defer { session.close() }
    return try session.readOnly { () throws(PostgresSourceError) in
      let statement = try self.statement(session: session, features: features)
      let rows = WindowRows(features: features, kinds: kinds, onBadRow: onBadRow)
      try session.stream(statement.query(start: start, end: end)) { try rows.add($0) }
      return (rows.table(), rows.rejected)
    }
  }

  /// Every statement one window sends, in order (what `--explain` prints).
  public func statements(for window: WindowStatement) -> [String] {
    PostgresSession.readOnlyBegin(source) + [window.sql, "COMMIT"]
  }

  /// The window's SELECT; for `table:`, after asking the timestamp column's type.
  func statement(session: PostgresSession, features: [String]) throws(PostgresSourceError)
    -> WindowStatement
  {
    switch source.relation {
    case .query(let sql):
      return WindowStatement.query(sql, features: features)
    case .table(let table):
      let type = try timestampType(session: session, table: table)
      guard
        let statement = WindowStatement.table(
          table, timestampColumn: timestampColumn, type: type, features: features)
      else {
        throw PostgresSourceError(
          source,
          "timestamp column '\(timestampColumn)' is \(CellKind.name(type)); expected "
            + CellKind.expected(for: .timestamp))
      }
      return statement
    }
  }

  /// The type of the timestamp column of `table`, from a query that reads no row.
  private func timestampType(session: PostgresSession, table: String) throws(PostgresSourceError)
    -> PostgresDataType
  {
    let inner =
      "SELECT \(PostgresIdentifier.quoted(timestampColumn)) FROM "
      + PostgresIdentifier.quotedRelation(table)
    let columns = try Self.columns(session: session, of: inner, binds: PostgresBindings())
    guard let column = columns.first else {
      throw PostgresSourceError(source, "no timestamp column '\(timestampColumn)' in \(table)")
    }
    return column.type
  }

  /// The columns (names and types) that `inner` returns, read with `LIMIT 0`.
  ///
  /// A query that returns no row says nothing about its columns through the client, so the
  /// empty result is joined to one row: `SELECT w.* FROM (SELECT 1) AS one LEFT JOIN (...) AS w`
  /// returns one row of NULLs that carries every column's name and type.
  static func columns(session: PostgresSession, of inner: String, binds: PostgresBindings)
    throws(PostgresSourceError) -> [(name: String, type: PostgresDataType)]
  {
    let sql =
      "SELECT w.* FROM (SELECT 1) AS one LEFT JOIN (SELECT * FROM (\n\(inner)\n) AS q LIMIT 0) "
      + "AS w ON true"
    let rows = try session.rows(PostgresQuery(unsafeSQL: sql, binds: binds))
    guard let row = rows.first else { return [] }
    return row.map { ($0.columnName, $0.dataType) }
  }
}
