import DriftConfig
import Testing

/// A monitor whose `baseline:` line (line 3) is `baseline`.
private func config(baseline: String) -> String {
  """
  monitors:
    - name: m
  \(baseline)
      target: { files: /t/*.csv, timestamp_column: ts }
      schedule: { window: 1h }

  """
}

/// `baseline: { postgres: ... }`: the connection keys of a target's source, the rows, a fixed
/// range and `refresh:`, each problem at its line and column.
@Suite struct PostgresBaselineConfigTests {
  @Test func tableWithRangeRefreshAndPoolSize() throws {
    let loaded = try PostgresConfigTests.load(
      config(
        baseline:
          "    baseline: { postgres: { host: db.internal, database: ml, user: watcher, "
          + "password_file: /etc/dw/pg.pass, table: training.rows, start: 2026-01-01, "
          + "end: '2026-02-01T00:00:00Z', refresh: 1d, pool_size: 3 } }"))
    let monitor = try #require(loaded.monitors.first)
    let baseline = try #require(monitor.baseline.postgres)
    #expect(baseline.source.relation == .table("training.rows"))
    #expect(baseline.source.tls == .verifyFull)
    #expect(baseline.source.poolSize == 3)
    #expect(baseline.range?.start == 1_767_225_600)
    #expect(baseline.range?.end == 1_769_904_000)
    #expect(baseline.refresh == 86_400)
    #expect(baseline.timestampColumn == nil)
    #expect(monitor.baseline.path == "postgres watcher@db.internal:5432/ml table training.rows")
  }

  @Test func queryWithoutParametersReadsEveryRow() throws {
    let loaded = try PostgresConfigTests.load(
      config(
        baseline:
          "    baseline: { postgres: { host: 127.0.0.1, database: ml, user: w, "
          + "query: 'SELECT * FROM training WHERE split = ''train''' } }"))
    let baseline = try #require(loaded.monitors.first?.baseline.postgres)
    #expect(baseline.range == nil)
    #expect(baseline.refresh == nil)
    #expect(baseline.source.poolSize == PostgresSource.defaultPoolSize)
  }

  @Test func refreshDoesNotChangeTheConfigurationHashButTheRangeDoes() throws {
    func hash(_ extra: String) throws -> String {
      let loaded = try PostgresConfigTests.load(
        config(
          baseline:
            "    baseline: { postgres: { host: 127.0.0.1, database: ml, user: w, table: t\(extra) } }"
        ))
      return try #require(loaded.monitors.first).configHash
    }
    let plain = try hash("")
    #expect(try hash(", refresh: 1h") == plain)
    #expect(try hash(", start: 2026-01-01, end: 2026-01-02") != plain)
  }

  @Test func problemsAreReportedWithTheirPositions() throws {
    let issues = try PostgresConfigTests.issues(
      config(
        baseline:
          "    baseline: { path: /b.csv, postgres: { host: h, database: d, user: u, table: t, "
          + "start: soon, mode: pull, pool_size: 0, refreh: 1h } }"))
    #expect(
      issues == [
        "3:23: monitors[0].baseline.path: path: applies to a baseline file, not to postgres: "
          + "(give either path: or postgres:)",
        "3:91: monitors[0].baseline.postgres.start: 'soon' is not a time (write an RFC 3339 "
          + "time such as 2026-01-01T00:00:00Z, or a date 2026-01-01)",
        "3:103: monitors[0].baseline.postgres.mode: a baseline is always read in full (its rows "
          + "are profiled like a file's) (remove mode: here)",
        "3:120: monitors[0].baseline.postgres.pool_size: must be at least 1, got 0",
        "3:123: monitors[0].baseline.postgres.refreh: unknown key 'refreh' (did you mean "
          + "'refresh'?)",
      ], "\(issues)")
  }

  @Test func rangeAndQueryParametersGoTogether() throws {
    let unbound = try PostgresConfigTests.issues(
      config(
        baseline:
          "    baseline: { postgres: { host: h, database: d, user: u, "
          + "query: 'SELECT * FROM t WHERE ts >= :start AND ts < :end' } }"))
    #expect(unbound.count == 1)
    #expect(unbound.first?.contains("uses :start / :end, but no range is given") == true)
    let half = try PostgresConfigTests.issues(
      config(
        baseline:
          "    baseline: { postgres: { host: h, database: d, user: u, table: t, "
          + "start: 2026-01-01 } }"))
    #expect(half.count == 1)
    #expect(half.first?.contains("give both start: and end:") == true)
    let backwards = try PostgresConfigTests.issues(
      config(
        baseline:
          "    baseline: { postgres: { host: h, database: d, user: u, table: t, "
          + "start: 2026-02-01, end: 2026-01-01 } }"))
    #expect(backwards.first?.contains("end: must be after start:") == true)
  }
}
