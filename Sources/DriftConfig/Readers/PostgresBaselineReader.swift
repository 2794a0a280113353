import DriftData

/// Validates `baseline: { postgres: ... }` into a ``PostgresBaselineSource``: the connection
/// keys of a target's `postgres:`, a `table:` or a `query:`, and optionally a fixed range
/// (`start:`, `end:`), the column that orders and limits the rows (`timestamp_column:`) and a
/// `refresh:` interval.
struct PostgresBaselineReader {
  /// The keys a baseline's `postgres:` holds beside the connection keys.
  static let extraKeys = ["timestamp_column", "start", "end", "refresh"]

  /// Checks, environment and where problems go.
  let context: LoadContext

  private var issues: IssueList { context.issues }

  /// The source, or nil after reporting its problems.
  func read(_ node: ConfigNode, keyPath: String) -> PostgresBaselineSource? {
    var connection = PostgresSourceReader(context: context)
    connection.extraKeys = Self.extraKeys
    connection.requiresWindowParameters = false
    let before = issues.issues.count
    let source = connection.read(node, keyPath: keyPath)
    // The connection reader reported a value that is not a mapping, and every unknown key.
    guard node.entries != nil,
      let reader = MappingReader(node, keyPath: keyPath, allowedKeys: nil, issues: issues)
    else { return nil }
    if let mode = reader.value("mode") {
      issues.add(
        "a baseline is always read in full (its rows are profiled like a file's)",
        at: mode.position, keyPath: reader.path("mode"), hint: "remove mode: here")
    }
    let timestampColumn = reader.value("timestamp_column").flatMap {
      reader.text(of: $0, keyPath: reader.path("timestamp_column"), expected: "a column name")
    }
    let range = self.range(reader, relation: source?.relation)
    let refresh = reader.duration("refresh", allowZero: false)
    guard issues.issues.count == before, let source else { return nil }
    return PostgresBaselineSource(
      source: source, timestampColumn: timestampColumn, range: range ?? nil, refresh: refresh)
  }

  /// The fixed range, `.some(nil)` when none is given, nil after a problem.
  private func range(_ reader: MappingReader, relation: PostgresSource.Relation?)
    -> (start: Int64, end: Int64)??
  {
    let start = time(reader, "start")
    let end = time(reader, "end")
    let usesParameters: Bool
    if case .query(let sql) = relation {
      usesParameters =
        TargetReader.mentionsParameter("start", in: sql)
        || TargetReader.mentionsParameter("end", in: sql)
    } else {
      usesParameters = false
    }
    switch (start, end) {
    case (nil, nil):
      guard reader.value("start") == nil, reader.value("end") == nil else { return nil }
      if usesParameters, let query = reader.value("query") {
        issues.add(
          "the query uses :start / :end, but no range is given", at: query.position,
          keyPath: reader.path("query"),
          hint: "add start: and end: (RFC 3339 times), or read every row without the parameters")
        return nil
      }
      return .some(nil)
    case (let start?, let end?):
      if end <= start, let node = reader.value("end") {
        issues.add(
          "end: must be after start:", at: node.position, keyPath: reader.path("end"))
        return nil
      }
      if case .query(let sql) = relation, let query = reader.value("query"),
        !TargetReader.checkWindowParameters(
          sql, at: query.position, keyPath: reader.path("query"), issues: issues,
          hint: "with start: and end:, the query limits its rows with them, e.g. "
            + "WHERE ts >= :start AND ts < :end (bound as timestamptz)")
      {
        return nil
      }
      return .some((start, end))
    default:
      if reader.value("start") != nil, reader.value("end") != nil { return nil }
      let missing = start == nil ? "start" : "end"
      issues.add(
        "give both start: and end: for a fixed range, or neither to read every row",
        at: reader.node.position, keyPath: reader.path(missing))
      return nil
    }
  }

  /// Seconds since the epoch of an RFC 3339 time or date under `key`, or nil.
  private func time(_ reader: MappingReader, _ key: String) -> Int64? {
    guard let node = reader.value(key),
      let text = reader.text(of: node, keyPath: reader.path(key), expected: "a time")
    else { return nil }
    guard let seconds = Timestamp.parse(text) else {
      issues.add(
        "'\(node.displayText)' is not a time", at: node.position, keyPath: reader.path(key),
        hint: "write an RFC 3339 time such as 2026-01-01T00:00:00Z, or a date 2026-01-01")
      return nil
    }
    return Int64(seconds.rounded(.down))
  }
}
