import DriftConfig
import Testing

/// A monitor whose `target:` line (line 4) is `target`.
private func config(target: String) -> String {
  """
  monitors:
    - name: m
      baseline: { path: /b.csv }
  \(target)
      schedule: { window: 1h }

  """
}

@Suite struct PostgresConfigTests {
  static func load(_ yaml: String, environment: [String: String] = [:]) throws -> Configuration {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try dir.write("driftwatch.yaml", yaml)
    return try ConfigLoader.load(path: file, environment: environment, checkFiles: false)
  }

  static func issues(_ yaml: String) throws -> [String] {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try dir.write("driftwatch.yaml", yaml)
    let error = try #require(throws: ConfigError.self) {
      try ConfigLoader.load(path: file, environment: [:], checkFiles: false)
    }
    return error.issues.map { String($0.description.dropFirst(file.count + 1)) }
  }

  @Test func tableSourceWithDefaults() throws {
    let loaded = try Self.load(
      config(
        target:
          "    target: { postgres: { host: db.internal, database: ml, user: watcher, "
          + "password_file: /etc/dw/pg.pass, table: inference.requests }, timestamp_column: ts }"
      ))
    let monitor = try #require(loaded.monitors.first)
    guard case .postgres(let source) = monitor.target.kind else {
      Issue.record("not a postgres source")
      return
    }
    #expect(source.host == "db.internal")
    #expect(source.port == 5432)
    #expect(source.tls == .verifyFull)
    #expect(source.mode == .pushdown)
    #expect(source.pushdown == PushdownOptions())
    #expect(source.password == .file("/etc/dw/pg.pass"))
    #expect(source.relation == .table("inference.requests"))
    #expect(source.statementTimeout == 300)
    #expect(source.serverName == "postgres watcher@db.internal:5432/ml")
  }

  @Test func loopbackDefaultsToNoTLSAndPasswordFromEnvironmentIsHidden() throws {
    let loaded = try Self.load(
      config(
        target:
          "    target: { postgres: { host: 127.0.0.1, database: ml, user: w, "
          + "password: '${PGPW}', query: 'SELECT * FROM t WHERE ts >= :start AND ts < :end', "
          + "statement_timeout: 45s }, timestamp_column: ts }"),
      environment: ["PGPW": "hunter2-secret"])
    let monitor = try #require(loaded.monitors.first)
    guard case .postgres(let source) = monitor.target.kind else {
      Issue.record("not a postgres source")
      return
    }
    #expect(source.tls == .disable)
    #expect(source.statementTimeout == 45)
    #expect(source.password == .value(NotifierSecret("hunter2-secret")))
    #expect(!"\(source)".contains("hunter2-secret"))
    #expect(loaded.warnings.isEmpty)
  }

  @Test func problemsAreReportedWithTheirPositions() throws {
    let issues = try Self.issues(
      config(
        target:
          "    target: { postgres: { host: h, port: 70000, database: d, table: t, "
          + "query: 'SELECT 1', mode: push, tls: verify }, timestamp_column: ts }"))
    #expect(
      issues == [
        "4:25: monitors[0].target.postgres: missing required key 'user'",
        "4:42: monitors[0].target.postgres.port: must be at most 65535, got 70000",
        "4:79: monitors[0].target.postgres.query: give either table: or query:, not both",
        "4:97: monitors[0].target.postgres.mode: 'push' is not one of pull | pushdown",
        "4:108: monitors[0].target.postgres.tls: 'verify' is not one of disable | verify-full",
      ], "\(issues)")
  }

  @Test func pushdownSettingsAreReadAndChecked() throws {
    let loaded = try Self.load(
      config(
        target:
          "    target: { postgres: { host: 127.0.0.1, database: ml, user: w, table: t, "
          + "mode: pushdown, grid: 500, max_categories: 20, partition_key: shard }, "
          + "timestamp_column: ts }"))
    let monitor = try #require(loaded.monitors.first)
    guard case .postgres(let source) = monitor.target.kind else {
      Issue.record("not a postgres source")
      return
    }
    #expect(source.mode == .pushdown)
    #expect(source.pushdown == PushdownOptions(grid: 500, maxCategories: 20, partitionKey: "shard"))
    let issues = try Self.issues(
      config(
        target:
          "    target: { postgres: { host: h, database: d, user: u, table: t, grid: 1, "
          + "max_categories: 0 }, timestamp_column: ts }"))
    #expect(issues.count == 2, "\(issues)")
    #expect(issues.first?.contains("postgres.grid") == true, "\(issues)")
    #expect(issues.last?.contains("postgres.max_categories") == true, "\(issues)")
  }

  @Test func parallelIsReadCappedByDefaultAndCheckedAgainstThePool() throws {
    func source(_ keys: String) throws -> PostgresSource? {
      let loaded = try Self.load(
        config(
          target: "    target: { postgres: { host: 127.0.0.1, database: ml, user: w, table: t"
            + "\(keys) }, timestamp_column: ts }"))
      guard case .postgres(let source)? = loaded.monitors.first?.target.kind else { return nil }
      return source
    }
    #expect(try source("")?.pushdown.parallel == 2)
    #expect(try source(", pool_size: 1")?.pushdown.parallel == 1)
    #expect(try source(", pool_size: 8, parallel: 4")?.pushdown.parallel == 4)
    #expect(try source(", parallel: 1")?.pushdown.parallel == 1)
    let issues = try Self.issues(
      config(
        target:
          "    target: { postgres: { host: h, database: d, user: u, table: t, pool_size: 3, "
          + "parallel: 4 }, timestamp_column: ts }"))
    #expect(issues.count == 1, "\(issues)")
    // Line 4, the column of the value, the key path and what to do.
    #expect(issues.first?.hasPrefix("4:") == true, "\(issues)")
    #expect(issues.first?.contains("postgres.parallel") == true, "\(issues)")
    #expect(issues.first?.contains("pool_size") == true, "\(issues)")
    let zero = try Self.issues(
      config(
        target:
          "    target: { postgres: { host: h, database: d, user: u, table: t, parallel: 0 }, "
          + "timestamp_column: ts }"))
    #expect(zero.count == 1 && zero.first?.contains("at least 1") == true, "\(zero)")
  }

  @Test func queryNeedsBothParameters() throws {
    let issues = try Self.issues(
      config(
        target:
          "    target: { postgres: { host: h, database: d, user: u, "
          + "query: 'SELECT * FROM t WHERE ts >= :start' }, timestamp_column: ts }"))
    #expect(issues.count == 1)
    #expect(
      issues.first?.contains("target.postgres.query: the query must use the parameters") == true)
    #expect(issues.first?.contains("it lacks :end") == true)
  }

  @Test func tlsDisabledOffLoopbackIsAWarning() throws {
    let loaded = try Self.load(
      config(
        target:
          "    target: { postgres: { host: db.example.com, database: d, user: u, tls: disable, "
          + "table: t }, timestamp_column: ts }"))
    #expect(loaded.warnings.count == 1)
    #expect("\(loaded.warnings)".contains("unencrypted"))
  }
}
