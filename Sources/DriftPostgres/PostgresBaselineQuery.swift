import DriftConfig
import DriftData
import DriftStats
import Foundation
import PostgresNIO

/// Reads a baseline in full from a PostgreSQL-protocol server (`baseline: { postgres: }`): the
/// rows stream into the typed columns a baseline file gives, so its profile is the file's, bit
/// for bit, for the same values in the same order.
///
/// A column's kind is its `features.types` entry, else its PostgreSQL type's: numbers are
/// numeric, text is categorical, `boolean` is boolean, times are timestamps (not features).
/// Columns of other types (`uuid`, `json`, ...) are read as text, categorical.
public struct PostgresBaselineQuery: Sendable {
  /// The server, the rows and the range.
  public var baseline: PostgresBaselineSource
  /// The column that orders the rows of a `table:` and limits them to the range.
  public var timestampColumn: String

  /// A baseline reader; `timestampColumn` is used when the baseline names none.
  public init(baseline: PostgresBaselineSource, timestampColumn: String) {
    self.baseline = baseline
    self.timestampColumn = baseline.timestampColumn ?? timestampColumn
  }

  /// Every row of the baseline, typed.
  ///
  /// - Parameters:
  ///   - columns: The columns to keep (`features.include`), or nil for all but timestamps.
  ///   - exclude: Columns never read (`features.exclude` and the target's timestamp column).
  ///   - kinds: Kinds set by the user (`features.types`), over the columns' own types.
  ///   - onBadRow: `.skip` drops rows with a value that does not fit its kind; `.fail` stops.
  /// - Throws: ``PostgresSourceError`` naming the server and the cause.
  public func read(
    columns: Set<String>?, exclude: Set<String>, kinds: [String: ColumnKind],
    onBadRow: BadRowPolicy, pools: PostgresPools = .shared
  ) throws(PostgresSourceError) -> Table {
    let session = try PostgresSession.open(baseline.source, pools: pools)
    defer { session.close() }
    return try session.readOnly { () throws(PostgresSourceError) in
      let found = try Self.columns(session: session, of: probeSQL, binds: probeBinds)
      if let problem = rangeProblem(found) { throw PostgresSourceError(baseline.source, problem) }
      let chosen = try choose(found, columns: columns, exclude: exclude, kinds: kinds)
      let sql = statement(chosen, found: found)
      let rows = WindowRows(
        features: chosen.map(\.name),
        kinds: Dictionary(uniqueKeysWithValues: chosen.map { ($0.name, $0.kind) }),
        onBadRow: onBadRow)
      let problem = FirstProblem()
      do throws(PostgresSourceError) {
        try session.stream(PostgresQuery(unsafeSQL: sql, binds: binds())) { row in
          do { try rows.add(row) } catch {
            problem.cause = problem.cause ?? (error as? WindowRows.Problem)?.cause
            throw error
          }
        }
      } catch {
        // The client reports a failed row handler as a cancelled query: say why it stopped.
        if let cause = problem.cause { throw PostgresSourceError(baseline.source, cause) }
        throw error
      }
      return rows.table()
    }
  }

  /// Connects and runs the baseline's query with `LIMIT 0`: its columns and their kinds as
  /// features (for `driftwatch source check`).
  public func check(
    columns: Set<String>?, exclude: Set<String>, kinds: [String: ColumnKind],
    pools: PostgresPools = .shared
  ) throws(PostgresSourceError) -> PostgresSourceCheck {
    let session = try PostgresSession.open(baseline.source, pools: pools)
    defer { session.close() }
    return try session.readOnly { () throws(PostgresSourceError) in
      let found = try Self.columns(session: session, of: probeSQL, binds: probeBinds)
      var problems = rangeProblem(found).map { [$0] } ?? []
      var chosen = [(name: String, kind: ColumnKind)]()
      do throws(PostgresSourceError) {
        chosen = try choose(found, columns: columns, exclude: exclude, kinds: kinds)
      } catch {
        problems.append(error.message)
      }
      let reported = found.map { name, type in
        let kind = chosen.first { $0.name == name }?.kind
        let problem = kind.flatMap {
          WindowRows.typeProblem(castType(type), feature: name, kind: $0)
        }
        if let problem { problems.append(problem) }
        return PostgresSourceCheck.Column(
          name: name, type: CellKind.name(type), feature: kind, problem: problem)
      }
      return PostgresSourceCheck(
        server: baseline.source.serverName, columns: reported, problems: problems,
        statements: PostgresSession.readOnlyBegin(baseline.source) + [
          statement(chosen, found: found), "COMMIT",
        ])
    }
  }

  /// The SELECT whose `LIMIT 0` tells the columns: the whole table, or the user's query.
  var probeSQL: String {
    switch baseline.source.relation {
    case .table(let table): "SELECT * FROM \(PostgresIdentifier.quotedRelation(table))"
    case .query: rowsSQL(timestampType: nil)
    }
  }

  /// Parameters of ``probeSQL``.
  var probeBinds: PostgresBindings {
    if case .table = baseline.source.relation { return PostgresBindings() }
    return binds()
  }

  /// The rows' SELECT before the columns are chosen: the table (limited to the range on its
  /// timestamp column of `timestampType`) or the user's query.
  func rowsSQL(timestampType: PostgresDataType?) -> String {
    switch baseline.source.relation {
    case .table(let table):
      let relation = "SELECT * FROM \(PostgresIdentifier.quotedRelation(table))"
      guard baseline.range != nil else { return relation }
      // The bounds are timestamptz parameters, turned into the column's own type so that its
      // operator (and an index or partition on it) is used.
      let column = PostgresIdentifier.quoted(timestampColumn)
      let low: String
      let high: String
      switch timestampType {
      case .timestamp?, .date?:
        (low, high) = ("($1 AT TIME ZONE 'UTC')", "($2 AT TIME ZONE 'UTC')")
      case .int2?, .int4?, .int8?:
        (low, high) = ("extract(epoch FROM $1)::bigint", "extract(epoch FROM $2)::bigint")
      case .float4?, .float8?:
        (low, high) = ("extract(epoch FROM $1)::float8", "extract(epoch FROM $2)::float8")
      case .numeric?:
        (low, high) = ("extract(epoch FROM $1)", "extract(epoch FROM $2)")
      default:
        (low, high) = ("$1", "$2")
      }
      return relation + " WHERE \(column) >= \(low) AND \(column) < \(high)"
    case .query(let sql):
      return SQLParameters.positional(WindowStatement.trimmed(sql), names: ["start", "end"])
    }
  }

  /// Why the range cannot be applied to a table's columns, or nil.
  func rangeProblem(_ found: [(name: String, type: PostgresDataType)]) -> String? {
    guard baseline.range != nil, case .table(let table) = baseline.source.relation else {
      return nil
    }
    guard let type = found.first(where: { $0.name == timestampColumn })?.type else {
      return "start: and end: need the timestamp column '\(timestampColumn)', which \(table) "
        + "lacks; set timestamp_column: under baseline.postgres"
    }
    guard CellKind.accepts(type, for: .timestamp) else {
      return "timestamp column '\(timestampColumn)' is \(CellKind.name(type)); expected "
        + CellKind.expected(for: .timestamp)
    }
    return nil
  }

  /// The range's bounds as timestamptz parameters (none without a range).
  func binds() -> PostgresBindings {
    var binds = PostgresBindings()
    if let range = baseline.range {
      binds.append(Date(timeIntervalSince1970: Double(range.start)))
      binds.append(Date(timeIntervalSince1970: Double(range.end)))
    }
    return binds
  }

  /// The SELECT of the chosen columns (cast to text where their type has no reader), ordered
  /// by the timestamp column of a `table:` when it has one (a query keeps its own order).
  func statement(
    _ chosen: [(name: String, kind: ColumnKind)], found: [(name: String, type: PostgresDataType)]
  )
    -> String
  {
    let list = chosen.map { column -> String in
      let quoted = PostgresIdentifier.quoted(column.name)
      let type = found.first { $0.name == column.name }?.type
      guard let type, !Self.readable(type) else { return quoted }
      return "\(quoted)::text AS \(quoted)"
    }
    let type = found.first { $0.name == timestampColumn }?.type
    let rows = rowsSQL(timestampType: type)
    var sql = "SELECT \(list.joined(separator: ", ")) FROM (\n\(rows)\n) AS baseline_rows"
    if case .table = baseline.source.relation, type != nil {
      sql += " ORDER BY \(PostgresIdentifier.quoted(timestampColumn))"
    }
    return sql
  }

  /// The columns to read, with their kinds.
  func choose(
    _ found: [(name: String, type: PostgresDataType)], columns: Set<String>?,
    exclude: Set<String>, kinds: [String: ColumnKind]
  ) throws(PostgresSourceError) -> [(name: String, kind: ColumnKind)] {
    if let columns {
      let names = Set(found.map(\.name))
      let missing = columns.filter { !names.contains($0) }.sorted()
      if !missing.isEmpty {
        throw PostgresSourceError(
          baseline.source,
          "the baseline has no column " + missing.map { "'\($0)'" }.joined(separator: ", ")
            + " (features.include); it has " + found.map(\.name).joined(separator: ", "))
      }
    }
    return found.compactMap { name, type in
      guard columns?.contains(name) ?? true, !exclude.contains(name) else { return nil }
      let kind = kinds[name] ?? Self.kind(of: type)
      guard kind != .timestamp || columns != nil else { return nil }
      return (name, kind)
    }
  }

  /// The kind a column of `type` has when the user sets none.
  static func kind(of type: PostgresDataType) -> ColumnKind {
    if CellKind.integers.contains(type) || CellKind.floats.contains(type) || type == .numeric {
      return .numeric
    }
    if type == .bool { return .boolean }
    if CellKind.times.contains(type) { return .timestamp }
    return .categorical
  }

  /// Whether values of `type` are decoded as they are (else they are read as text).
  static func readable(_ type: PostgresDataType) -> Bool {
    CellKind.integers.contains(type) || CellKind.floats.contains(type) || type == .numeric
      || type == .bool || CellKind.times.contains(type) || CellKind.texts.contains(type)
  }

  private func castType(_ type: PostgresDataType) -> PostgresDataType {
    Self.readable(type) ? type : .text
  }

  static func columns(session: PostgresSession, of inner: String, binds: PostgresBindings)
    throws(PostgresSourceError) -> [(name: String, type: PostgresDataType)]
  {
    try PostgresWindowQuery.columns(session: session, of: inner, binds: binds)
  }
}

/// The first problem a row handler met (rows arrive on one event loop, read after the query's
/// future completed; hence `@unchecked Sendable`).
private final class FirstProblem: @unchecked Sendable {
  var cause: String?
}
