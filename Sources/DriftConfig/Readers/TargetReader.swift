import DriftData

/// Validates a monitor's `target:` into a ``TargetSource``.
struct TargetReader {
  /// Checks, environment and where problems go.
  let context: LoadContext

  private var issues: IssueList { context.issues }

  /// The target source, or nil after reporting its problems.
  func read(_ node: ConfigNode, keyPath: String) -> TargetSource? {
    guard
      let reader = MappingReader(
        node, keyPath: keyPath,
        allowedKeys: ["files", "sqlite", "postgres", "format", "delimiter", "timestamp_column"],
        issues: issues)
    else { return nil }
    let timestampColumn = reader.string(
      "timestamp_column", required: true, expected: "a column name")
    let given = ["files", "sqlite", "postgres"].compactMap { key in
      reader.value(key).map { (key: key, node: $0) }
    }
    let kind: TargetSource.Kind?
    if given.count > 1 {
      issues.add(
        "give either \(given[0].key): or \(given[1].key):, not both",
        at: given[1].node.position, keyPath: reader.path(given[1].key))
      kind = nil
    } else if let source = given.first {
      if source.key != "files" {
        for key in ["format", "delimiter"] {
          if let value = reader.value(key) {
            issues.add(
              "\(key): applies to files, not to \(source.key):", at: value.position,
              keyPath: reader.path(key))
          }
        }
      }
      switch source.key {
      case "files": kind = self.files(source.node, reader: reader)
      case "sqlite": kind = self.sqlite(source.node, keyPath: reader.path("sqlite"))
      default:
        kind = PostgresSourceReader(context: context).read(
          source.node, keyPath: reader.path("postgres")
        ).map { .postgres($0) }
      }
    } else {
      issues.add(
        "missing the data source: give files: (a glob), sqlite: { path:, query: } or "
          + "postgres: { host:, database:, user:, table: }",
        at: node.position, keyPath: keyPath)
      kind = nil
    }
    guard let kind, let timestampColumn else { return nil }
    return TargetSource(kind: kind, timestampColumn: timestampColumn)
  }

  private func files(_ node: ConfigNode, reader: MappingReader) -> TargetSource.Kind? {
    guard let text = reader.text(of: node, keyPath: reader.path("files"), expected: "a file glob")
    else { return nil }
    let pattern = PathResolution.resolve(text, relativeTo: node.directory)
    let format: DataFormat? = reader.choice("format")
    let delimiter = Self.delimiter(reader, format: format ?? DataFormat.inferred(fromPath: pattern))
    if context.checkFiles {
      let directory = PathResolution.globBase(pattern)
      if !PathResolution.isDirectory(directory) {
        let shown = PathResolution.shown(directory, writtenIn: node)
        issues.add(
          "the directory of the files glob, '\(shown)', does not exist", at: node.position,
          keyPath: reader.path("files"))
      }
    }
    return .files(pattern: pattern, format: format, delimiter: delimiter)
  }

  private func sqlite(_ node: ConfigNode, keyPath: String) -> TargetSource.Kind? {
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: ["path", "query"],
        expected: "a mapping with path: and query:", issues: issues)
    else { return nil }
    let path = reader.path("path", required: true)
    let query = reader.string("query", required: true, expected: "an SQL query")
    if let (path, pathNode) = path, context.checkFiles,
      let problem = PathResolution.problemReading(
        path, shownAs: PathResolution.shown(path, writtenIn: pathNode))
    {
      issues.add("sqlite database: \(problem)", at: pathNode.position, keyPath: reader.path("path"))
    }
    if let query, let queryNode = reader.value("query") {
      _ = Self.checkWindowParameters(
        query, at: queryNode.position, keyPath: reader.path("query"), issues: issues,
        hint: "they are bound to the window's bounds (seconds since the epoch, UTC), e.g. "
          + "WHERE ts >= :start AND ts < :end; never paste times into the query")
    }
    guard let (path, _) = path, let query else { return nil }
    return .sqlite(path: path, query: query)
  }

  /// Whether `query` uses both window parameters, `:start` and `:end`; adds an issue naming the
  /// missing ones (with `hint`, which says how the source binds them) when it does not.
  static func checkWindowParameters(
    _ query: String, at position: SourcePosition, keyPath: String, issues: IssueList,
    hint: String
  ) -> Bool {
    let missing = ["start", "end"].filter { !mentionsParameter($0, in: query) }
    guard !missing.isEmpty else { return true }
    issues.add(
      "the query must use the parameters :start and :end; it lacks "
        + missing.map { ":\($0)" }.joined(separator: " and "),
      at: position, keyPath: keyPath, hint: hint)
    return false
  }

  /// Whether `:name` appears in `query` as a whole parameter (not `:names` or `x:name`).
  static func mentionsParameter(_ name: String, in query: String) -> Bool {
    let characters = Array(query)
    let target = Array(":" + name)
    guard characters.count >= target.count else { return false }
    func isIdentifier(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }
    for start in 0...(characters.count - target.count)
    where Array(characters[start..<start + target.count]) == target {
      let before = start > 0 ? characters[start - 1] : " "
      let afterIndex = start + target.count
      let after = afterIndex < characters.count ? characters[afterIndex] : " "
      if !isIdentifier(before) && before != ":" && !isIdentifier(after) { return true }
    }
    return false
  }

  /// The CSV delimiter under `delimiter:`: one ASCII character, or `tab`.
  static func delimiter(_ reader: MappingReader, format: DataFormat?) -> UInt8? {
    guard let node = reader.value("delimiter"),
      let text = reader.text(of: node, keyPath: reader.path("delimiter"), expected: "a character")
    else { return nil }
    if format == .jsonl {
      reader.issues.add(
        "delimiter: applies to CSV, not JSON Lines", at: node.position,
        keyPath: reader.path("delimiter"))
      return nil
    }
    if text == "tab" { return UInt8(ascii: "\t") }
    guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, scalar.isASCII,
      !"\"\r\n".unicodeScalars.contains(scalar)
    else {
      reader.issues.add(
        "'\(node.displayText)' is not a delimiter", at: node.position,
        keyPath: reader.path("delimiter"),
        hint: "give one ASCII character such as ',' ';' '|', or tab")
      return nil
    }
    return UInt8(scalar.value)
  }
}
