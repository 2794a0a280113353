import DriftConfig
import DriftDaemon
import DriftPostgres
import DriftStats
import DriftStore
import Foundation
import Logging
import Testing

/// `mode: pushdown` against a real PostgreSQL 15 server, through the scheduler: the same windows
/// as CSV files give the same stored history (exact results bit for bit, binned ones within their
/// bound); faults are failed windows as in `mode: pull`.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct PostgresPushdownTests {
  /// A folder with the baseline CSV, the target as CSV files, and a configuration whose monitors
  /// read them as files (`files`) and through PostgreSQL with `pushdown` (the given extra keys:
  /// `pg` on `table`, `broken` on a table that does not exist), running the numeric `tests` and
  /// the `categorical` ones. `PostgresDaemonTests` uses it with `mode: pull`.
  static func setUp(
    _ db: SampleDatabase, table: String = "requests", pushdown: String = "",
    tests: String = "[ks, psi, anderson, cvm, mannwhitney, wasserstein, energy, missing_rate]",
    categorical: String = "[chisquare, psi, tvd, missing_rate]"
  ) throws -> (folder: String, configuration: Configuration, store: DriftStore) {
    let folder = "\(db.server.folder)/pushdown-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let start = SampleDatabase.start
    let baseline = try db.csv(from: start - 86_400, to: start + 3600)
    try FileManager.default.copyItem(atPath: baseline, toPath: "\(folder)/baseline.csv")
    let target = try db.server.sql(
      """
      COPY (SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ts,
        CASE amount WHEN 'Infinity' THEN '1e999' WHEN '-Infinity' THEN '-1e999'
          ELSE amount::text END AS amount, visits, price, city, premium::text AS premium FROM \(table) ORDER BY ts)
        TO STDOUT WITH (FORMAT csv, HEADER)
      """, database: "drift")
    try target.write(toFile: "\(folder)/target-1.csv", atomically: true, encoding: .utf8)
    func postgres(_ table: String) -> String {
      "{ postgres: { host: 127.0.0.1, port: \(db.server.port), database: drift, user: reader, "
        + "password_file: \(db.passwordFile), table: \(table)\(pushdown) }, "
        + "timestamp_column: ts }"
    }
    let yaml = """
      storage: { path: \(folder)/drift.db }
      defaults:
        tests:
          numeric: \(tests)
          categorical: \(categorical)
        thresholds: { wasserstein: { statistic: 5 }, energy: { statistic: 5 } }
      monitors:
        - name: files
          baseline: { path: baseline.csv }
          target: { files: \(folder)/target-*.csv, timestamp_column: ts }
          schedule: { window: 1h, delay: 0s, catch_up: 3 }
        - name: pg
          baseline: { path: baseline.csv }
          target: \(postgres(table))
          schedule: { window: 1h, delay: 0s, catch_up: 3 }
        - name: broken
          baseline: { path: baseline.csv }
          target: \(postgres("nowhere"))
          schedule: { window: 1h, delay: 0s, catch_up: 3 }

      """
    try yaml.write(toFile: "\(folder)/driftwatch.yaml", atomically: true, encoding: .utf8)
    let configuration = try ConfigLoader.load(
      path: "\(folder)/driftwatch.yaml", environment: [:], checkFiles: true)
    return (folder, configuration, try DriftStore(path: "\(folder)/drift.db"))
  }

  /// Runs the scheduler once over three hourly windows.
  static func run(_ configuration: Configuration, _ store: DriftStore) async -> [String:
    MonitorPass]
  {
    let scheduler = Scheduler(
      configuration: configuration, store: store,
      log: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    let passes = await scheduler.runOnce(now: SampleDatabase.start + 3 * 3600)
    return Dictionary(uniqueKeysWithValues: passes.map { ($0.monitor, $0) })
  }

  @Test func sameHistoryAsFilesExactBitForBitAndBinnedWithinBound() async throws {
    let db = try SampleDatabase.shared.get()
    // A grid of 50 cells: fewer than the window's distinct amounts and prices, so they are
    // binned (with the default grid every feature of this small table is exact).
    let (_, configuration, store) = try Self.setUp(db, pushdown: ", grid: 50")
    let byName = await Self.run(configuration, store)
    #expect(byName["files"]?.stored == [.ok: 3])
    #expect(byName["pg"]?.stored == [.ok: 3])
    let files = try store.history(HistoryQuery(monitor: "files"))
    let pushed = try store.history(HistoryQuery(monitor: "pg"))
    #expect(files.count == pushed.count)
    let perWindow = 3 * 8 + 2 * 4
    #expect(files.count == 3 * perWindow)
    var exact = 0
    var binned = 0
    var binnedTests = Set<DriftTest>()
    for (file, push) in zip(files, pushed) {
      #expect(file.window == push.window)
      #expect(file.result.feature == push.result.feature && file.result.test == push.result.test)
      #expect(file.result.exactness == nil)
      let what = "\(push.window.start) \(push.result.feature) \(push.result.test)"
      switch push.result.exactness {
      case .exact?:
        exact += 1
        #expect(file.result.statistic?.bitPattern == push.result.statistic?.bitPattern, "\(what)")
        #expect(file.result.pValue?.bitPattern == push.result.pValue?.bitPattern, "\(what)")
      case .binned(let bound)?:
        binned += 1
        binnedTests.insert(push.result.test)
        let a = try #require(file.result.statistic, "\(what)")
        let b = try #require(push.result.statistic, "\(what)")
        let slack: Double = bound * (1 + 1e-9) + 1e-12 * abs(a)
        let gap: Double = abs(a - b)
        #expect(gap <= slack, "\(what)")
      case nil:
        // Every numeric test here has a bound on a binned window; none is unavailable.
        Issue.record("no exactness: \(what) \(push.result.error ?? "")")
      }
    }
    #expect(exact > 0 && binned > 0)
    // Every grid-derived ECDF test of the list came out binned with its bound at least once.
    #expect(binnedTests == [.ks, .anderson, .cvm, .mannwhitney, .wasserstein, .energy])
    // A feature with few distinct values (visits: 13 integers) is exact automatically.
    let visits = pushed.filter { $0.result.feature == "visits" }
    #expect(!visits.isEmpty && visits.allSatisfy { $0.result.exactness == .exact })
    // Faults are failed windows naming the monitor, the server and the cause, as for pull.
    #expect(byName["broken"]?.stored == [.failed: 1])
    let status = try #require(try store.status().first { $0.monitor == "broken" })
    let message = try #require(status.lastError?.message)
    #expect(message.contains("monitor 'broken'"), "\(message)")
    #expect(message.contains("postgres reader@127.0.0.1:\(db.server.port)/drift"), "\(message)")
    #expect(message.contains("\"nowhere\" does not exist"), "\(message)")
    #expect(!message.contains(SampleDatabase.readerPassword))
  }

  /// NULL, NaN, ±Infinity, a category cap and an empty window, on a table made for them.
  @Test func specialValuesCategoryCapAndEmptyWindow() async throws {
    let db = try SampleDatabase.shared.get()
    try db.server.sql(
      """
      CREATE TABLE IF NOT EXISTS special AS SELECT ts,
        CASE WHEN i % 50 = 1 THEN 'NaN'::float8 WHEN i % 50 = 2 THEN 'Infinity'::float8
          WHEN i % 50 = 3 THEN '-Infinity'::float8 ELSE amount END AS amount,
        visits, price,
        CASE WHEN i % 7 = 0 THEN 'new-' || (i % 40) ELSE city END AS city, premium
      FROM (SELECT row_number() OVER (ORDER BY ts) AS i, * FROM requests) AS r
      WHERE ts < to_timestamp(\(SampleDatabase.start + 7200));
      GRANT SELECT ON special TO reader;
      """, database: "drift")
    let (_, configuration, store) = try Self.setUp(
      db, table: "special", pushdown: ", max_categories: 5, grid: 50")
    let byName = await Self.run(configuration, store)
    #expect(byName["files"]?.stored == [.ok: 2, .insufficientData: 1])
    #expect(byName["pg"]?.stored == [.ok: 2, .insufficientData: 1])
    let files = try store.history(HistoryQuery(monitor: "files"))
    let pushed = try store.history(HistoryQuery(monitor: "pg"))
    #expect(files.count == pushed.count)
    for (file, push) in zip(files, pushed) {
      let what = "\(push.window.start) \(push.result.feature) \(push.result.test)"
      switch (push.result.feature, push.result.test) {
      case ("amount", .missingRate), ("city", .missingRate), ("city", .tvd):
        // NULL and NaN are missing on both paths; infinities are left out of the tests; the
        // category bucket beyond the cap keeps tvd exact.
        #expect(push.result.exactness == .exact, "\(what)")
        let a = try #require(file.result.statistic, "\(what)")
        let b = try #require(push.result.statistic, "\(what)")
        #expect(abs(a - b) <= 1e-12, "\(what)")
      case ("city", _):
        #expect(push.result.statistic == nil, "\(what)")
        #expect(push.result.error?.contains("max_categories") == true, "\(what)")
      default:
        break
      }
    }
    #expect(pushed.contains { $0.result.feature == "city" && $0.result.test == .tvd })
  }

  @Test func explainPrintsTheAggregationWithBoundParameters() throws {
    let db = try SampleDatabase.shared.get()
    let (_, configuration, _) = try Self.setUp(db, pushdown: ", partition_key: visits")
    let monitor = try #require(configuration.monitors.first { $0.name == "pg" })
    let report = try SourceCheck.postgres(monitor)
    #expect(report.problems.isEmpty, "\(report.problems)")
    let sql = report.statements[2]
    #expect(sql.contains("WITH w AS NOT MATERIALIZED"))
    #expect(sql.contains("width_bucket((\"amount\")::float8, $3::float8[])"))
    #expect(sql.contains("GROUP BY 2, \"visits\""))
    #expect(sql.contains("\"ts\" >= $1 AND \"ts\" < $2"))
    // No value of the data or the baseline is spliced into the text.
    #expect(!sql.contains("north"))
    // One snapshot for every statement and connection (parallel: 2 by default).
    #expect(report.statements[0].contains("REPEATABLE READ, READ ONLY"))
    #expect(report.statements[1].contains("synchronize_seqscans = off"))
    #expect(report.statements[1].contains("pg_export_snapshot()"))
  }

  /// The row sample for the drift magnitude: at most the asked rows, the same rows for the same
  /// window and seed, other rows for another seed.
  @Test func sampleIsDeterministicAndBounded() throws {
    let db = try SampleDatabase.shared.get()
    func numeric(_ name: String) -> Column {
      Column(
        name: name, kind: .numeric,
        values: .numeric(NumericColumn(values: (0..<300).map { Double($0 % 17) })))
    }
    let labels = Column(
      name: "city", kind: .categorical,
      values: .categorical(
        CategoricalColumn(
          codes: (0..<300).map { Int32($0 % 3) }, categories: ["north", "south", "east"])))
    let flags = Column(
      name: "premium", kind: .boolean,
      values: .categorical(
        CategoricalColumn(codes: (0..<300).map { Int32($0 % 2) }, categories: ["true", "false"])))
    let profile = try BaselineProfile(
      table: Table(
        columns: [numeric("amount"), numeric("visits"), numeric("price"), labels, flags],
        rowCount: 300))
    let query = PushdownQuery(
      window: PostgresWindowQuery(source: db.source(.table("requests")), timestampColumn: "ts"))
    let start = SampleDatabase.start
    func read(_ seed: UInt64) throws -> (rows: Int, sample: Table?) {
      let result = try query.read(
        start: start, end: start + 3600, profile: profile,
        sample: PushdownQuery.SampleRequest(rows: 50, seed: seed))
      return (result.rows, result.sample)
    }
    let first = try read(7)
    let again = try read(7)
    let other = try read(8)
    #expect(first.rows == 200)
    let sample = try #require(first.sample)
    #expect(sample.rowCount == 50)
    #expect(sample.columns.map(\.name) == ["amount", "visits", "price", "city", "premium"])
    // Compared as text: the sample may hold NaN, which is not equal to itself as a Double.
    #expect(again.sample.map { "\($0.columns)" } == "\(sample.columns)")
    #expect(other.sample.map { "\($0.columns)" } != "\(sample.columns)")
    let report = try Evaluator.evaluate(
      profile: profile,
      aggregates: try query.read(start: start, end: start + 3600, profile: profile)
        .aggregates,
      targetRows: 200, settings: DriftSettings(), sample: sample)
    #expect(report.dataset.magnitude != nil, "\(report.dataset.multivariateNote ?? "")")
  }

  /// With `partition_key:` every aggregate is also grouped by the key and the partial rows are
  /// summed: the same aggregates as without it.
  @Test func partitionKeyPartialsSumToTheSameAggregates() throws {
    let db = try SampleDatabase.shared.get()
    let rows = (0..<300).map { Double($0 % 17) + Double($0) / 1000 }
    let profile = try BaselineProfile(
      table: Table(
        columns: [
          Column(name: "amount", kind: .numeric, values: .numeric(NumericColumn(values: rows))),
          Column(
            name: "city", kind: .categorical,
            values: .categorical(
              CategoricalColumn(
                codes: (0..<300).map { Int32($0 % 3) }, categories: ["north", "south", "east"]))),
        ], rowCount: 300))
    func read(_ key: String?) throws -> (rows: Int, aggregates: [FeatureAggregate]) {
      var source = db.source(.table("requests"))
      source.pushdown = PushdownOptions(grid: 40, maxCategories: 10, partitionKey: key)
      let query = PushdownQuery(window: PostgresWindowQuery(source: source, timestampColumn: "ts"))
      let result = try query.read(
        start: SampleDatabase.start, end: SampleDatabase.start + 7200, profile: profile)
      return (result.rows, result.aggregates)
    }
    let whole = try read(nil)
    let partials = try read("visits")
    #expect(whole.rows == 400)
    #expect(partials.rows == whole.rows)
    #expect(partials.aggregates.count == 2)
    #expect(partials.aggregates[1] == whole.aggregates[1])
    guard case .numeric(let a) = whole.aggregates[0].values,
      case .numeric(let b) = partials.aggregates[0].values,
      case .cells(let cellsA) = a.finite, case .cells(let cellsB) = b.finite
    else {
      Issue.record("numeric cells expected")
      return
    }
    #expect(a.missing == b.missing && a.infinite == b.infinite)
    #expect(cellsA.map(\.bin) == cellsB.map(\.bin))
    #expect(cellsA.map(\.count) == cellsB.map(\.count))
    #expect(cellsA.map(\.min) == cellsB.map(\.min) && cellsA.map(\.max) == cellsB.map(\.max))
    // Sums of partials add in another order: equal up to rounding.
    for (x, y) in zip(cellsA, cellsB) { #expect(abs(x.sum - y.sum) <= 1e-9 * abs(x.sum)) }
  }
}
