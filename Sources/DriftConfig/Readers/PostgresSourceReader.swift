import Foundation

/// Validates `target: { postgres: ... }` into a ``PostgresSource``.
struct PostgresSourceReader {
  /// The keys `postgres:` may hold.
  static let keys = [
    "host", "port", "database", "user", "password", "password_file", "password_env", "tls",
    "sslrootcert", "table", "query", "mode", "statement_timeout", "connect_timeout", "grid",
    "max_categories", "partition_key", "pool_size", "parallel",
  ]

  /// Checks, environment and where problems go.
  let context: LoadContext
  /// Keys the caller reads itself (a baseline's `start:`, `end:`, ...), allowed beside ``keys``.
  var extraKeys: [String] = []
  /// Whether a `query:` must use `:start` and `:end` (a target's window; a baseline's query
  /// uses them only with a fixed range, which its reader checks).
  var requiresWindowParameters = true

  private var issues: IssueList { context.issues }

  /// The source, or nil after reporting its problems.
  func read(_ node: ConfigNode, keyPath: String) -> PostgresSource? {
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: Self.keys + extraKeys,
        expected: "a mapping with host:, database:, user: and table: or query:", issues: issues)
    else { return nil }
    let host = reader.string("host", required: true, expected: "a host name or address")
    let port = self.port(reader)
    let database = reader.string("database", required: true, expected: "a database name")
    let user = reader.string("user", required: true, expected: "a role name")
    let password = self.password(reader)
    let tls: PostgresSource.TLSMode? = reader.choice("tls")
    let rootCertificates = self.rootCertificates(reader, tls: tls)
    let relation = self.relation(reader)
    let mode = self.mode(reader)
    let statementTimeout = reader.duration("statement_timeout", allowZero: false) ?? 300
    let connectTimeout = reader.duration("connect_timeout", allowZero: false) ?? 10
    let poolSize =
      reader.value("pool_size") == nil
      ? PostgresSource.defaultPoolSize : reader.integer("pool_size", minimum: 1)
    if let host, tls == .disable, !PostgresSource.isLoopback(host),
      let tlsNode = reader.value("tls")
    {
      context.notes.warnings.add(
        "tls: disable sends the password and the data unencrypted to \(host)",
        at: tlsNode.position, keyPath: reader.path("tls"),
        hint: "use tls: verify-full (the default off this machine) with sslrootcert: for a "
          + "private CA")
    }
    let pushdown = PushdownOptions(
      grid: reader.integer("grid", minimum: 2) ?? PushdownOptions.defaultGrid,
      maxCategories: reader.integer("max_categories", minimum: 1)
        ?? PushdownOptions.defaultMaxCategories,
      partitionKey: reader.string("partition_key", required: false, expected: "a column name"),
      parallel: parallel(reader, poolSize: poolSize))
    guard let host, let port, let database, let user, let relation, let poolSize else {
      return nil
    }
    var source = PostgresSource(
      host: host, port: port, database: database, user: user, password: password, tls: tls,
      rootCertificates: rootCertificates, relation: relation, mode: mode,
      statementTimeout: statementTimeout, connectTimeout: connectTimeout, poolSize: poolSize)
    source.pushdown = pushdown
    return source
  }

  /// `parallel:`: at least 1 and at most `pool_size:` (a window cannot use more connections
  /// than the pool holds); when not given, the default capped at the pool size.
  private func parallel(_ reader: MappingReader, poolSize: Int?) -> Int {
    guard let node = reader.value("parallel") else {
      return min(PushdownOptions.defaultParallel, poolSize ?? PostgresSource.defaultPoolSize)
    }
    guard let parallel = reader.integer("parallel", minimum: 1) else { return 1 }
    // An invalid pool_size: was reported already.
    if let pool = poolSize, parallel > pool {
      issues.add(
        "parallel: \(parallel) is more than pool_size: \(pool)", at: node.position,
        keyPath: reader.path("parallel"),
        hint: "raise pool_size (the connections of one server, shared by its monitors) to at "
          + "least \(parallel), or lower parallel")
    }
    return parallel
  }

  private func mode(_ reader: MappingReader) -> PostgresSource.Mode {
    reader.choice("mode") ?? .pushdown
  }

  private func port(_ reader: MappingReader) -> Int? {
    guard reader.value("port") != nil else { return 5432 }
    guard let port = reader.integer("port", minimum: 1) else { return nil }
    guard port > 65535, let node = reader.value("port") else { return port }
    issues.add(
      "must be at most 65535, got \(node.displayText)", at: node.position,
      keyPath: reader.path("port"))
    return nil
  }

  private func rootCertificates(_ reader: MappingReader, tls: PostgresSource.TLSMode?) -> String? {
    guard let (path, node) = reader.path("sslrootcert", required: false) else { return nil }
    if tls == .disable {
      issues.add(
        "sslrootcert: has no use with tls: disable", at: node.position,
        keyPath: reader.path("sslrootcert"), hint: "remove one of them")
    }
    if context.checkFiles, !FileManager.default.isReadableFile(atPath: path) {
      issues.add(
        "cannot read the certificate file \(PathResolution.shown(path, writtenIn: node))",
        at: node.position, keyPath: reader.path("sslrootcert"),
        hint: "give a PEM file with the CA certificates that signed the server's certificate")
    }
    return path
  }

  private func password(_ reader: MappingReader) -> PostgresSource.PasswordSource? {
    let given = ["password", "password_file", "password_env"].filter { reader.value($0) != nil }
    if given.count > 1, let node = reader.value(given[1]) {
      issues.add(
        "give one of password:, password_file: and password_env:", at: node.position,
        keyPath: reader.path(given[1]))
      return nil
    }
    if let node = reader.value("password"),
      let text = reader.text(of: node, keyPath: reader.path("password"), expected: "a password")
    {
      context.notes.secret(node, keyPath: reader.path("password"))
      return .value(NotifierSecret(text))
    }
    if let (path, node) = reader.path("password_file", required: false) {
      context.notes.passwordFile(path, node: node, keyPath: reader.path("password_file"))
      if context.checkFiles, !FileManager.default.isReadableFile(atPath: path) {
        issues.add(
          "cannot read the password file \(PathResolution.shown(path, writtenIn: node))",
          at: node.position, keyPath: reader.path("password_file"),
          hint: "check that it exists and that the driftwatch user may read it")
      }
      return .file(path)
    }
    if let variable = reader.string("password_env", expected: "an environment variable name") {
      if context.checkFiles, context.environment[variable] == nil,
        let node = reader.value("password_env")
      {
        issues.add(
          "the environment variable \(variable) is not set", at: node.position,
          keyPath: reader.path("password_env"))
      }
      return .environment(variable)
    }
    return nil
  }

  private func relation(_ reader: MappingReader) -> PostgresSource.Relation? {
    switch (reader.value("table"), reader.value("query")) {
    case (nil, nil):
      issues.add(
        "missing the rows to read: give table: (with the target's timestamp_column:) or "
          + "query: (a SELECT using :start and :end)", at: reader.node.position,
        keyPath: reader.keyPath)
      return nil
    case (_?, let query?):
      issues.add(
        "give either table: or query:, not both", at: query.position,
        keyPath: reader.path("query"))
      return nil
    case (let table?, nil):
      guard let name = reader.text(of: table, keyPath: reader.path("table"), expected: "a table")
      else { return nil }
      let parts = name.split(separator: ".", omittingEmptySubsequences: false)
      guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else {
        issues.add(
          "'\(table.displayText)' is not a table name", at: table.position,
          keyPath: reader.path("table"), hint: "write table or schema.table, without quotes")
        return nil
      }
      return .table(name)
    case (nil, let queryNode?):
      guard
        let query = reader.text(of: queryNode, keyPath: reader.path("query"), expected: "a query")
      else { return nil }
      guard
        !requiresWindowParameters
          || TargetReader.checkWindowParameters(
            query, at: queryNode.position, keyPath: reader.path("query"), issues: issues,
            hint: "they are bound as timestamptz parameters, e.g. WHERE ts >= :start AND ts < :end "
              + "(for a column of epoch seconds: ts >= extract(epoch FROM :start))")
      else { return nil }
      return .query(query)
    }
  }
}
