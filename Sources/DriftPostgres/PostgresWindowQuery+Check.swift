import DriftStats
import Foundation
import PostgresNIO

extension PostgresWindowQuery {
  /// Connects, runs the window query with `LIMIT 0` in a read-only transaction, and compares its
  /// columns with the baseline's `features` and `kinds`.
  ///
  /// - Throws: ``PostgresSourceError`` when the server cannot be reached or refuses the query.
  public func check(features: [String], kinds: [String: ColumnKind]) throws(PostgresSourceError)
    -> PostgresSourceCheck
  {
    let session = try PostgresSession.open(source)
    defer { session.close() }
    return try session.readOnly { () throws(PostgresSourceError) in
      let inner: String
      var binds = PostgresBindings()
      switch source.relation {
      case .table(let table):
        inner = "SELECT * FROM \(PostgresIdentifier.quotedRelation(table))"
      case .query(let sql):
        inner = SQLParameters.positional(WindowStatement.trimmed(sql), names: ["start", "end"])
        let now = Date().timeIntervalSince1970.rounded(.down)
        binds.append(Date(timeIntervalSince1970: now - 3600))
        binds.append(Date(timeIntervalSince1970: now))
      }
      let found = try Self.columns(session: session, of: inner, binds: binds)
      var problems = [String]()
      var columns = [PostgresSourceCheck.Column]()
      for (name, type) in found {
        let kind = kinds[name].flatMap { features.contains(name) ? $0 : nil }
        let problem = kind.flatMap { WindowRows.typeProblem(type, feature: name, kind: $0) }
        if let problem { problems.append(problem) }
        columns.append(
          PostgresSourceCheck.Column(
            name: name, type: CellKind.name(type), feature: kind, problem: problem))
      }
      let names = Set(found.map(\.name))
      for feature in features where !names.contains(feature) {
        problems.append("the baseline's feature '\(feature)' is not among the query's columns")
      }
      var window: WindowStatement?
      switch source.relation {
      case .query(let sql):
        window = WindowStatement.query(sql, features: features)
      case .table(let table):
        if let type = found.first(where: { $0.name == timestampColumn })?.type {
          window = WindowStatement.table(
            table, timestampColumn: timestampColumn, type: type, features: features)
          if window == nil {
            problems.append(
              "timestamp column '\(timestampColumn)' is \(CellKind.name(type)); expected "
                + CellKind.expected(for: .timestamp))
          }
        } else {
          problems.append("no timestamp column '\(timestampColumn)' in \(table)")
        }
      }
      return PostgresSourceCheck(
        server: source.serverName, columns: columns, problems: problems,
        statements: window.map { statements(for: $0) } ?? [])
    }
  }
}
