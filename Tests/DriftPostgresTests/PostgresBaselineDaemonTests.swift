import DriftConfig
import DriftData
import DriftStore
import Foundation
import Logging
import Testing

@testable import DriftDaemon

/// Monitors whose baseline is read from PostgreSQL, through the scheduler: the same stored
/// history as with the same rows in a CSV file, and every monitor of one server sharing one pool.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct PostgresBaselineDaemonTests {
  @Test func sameHistoryAsAFileBaselineThroughOnePool() async throws {
    let db = try SampleDatabase.shared.get()
    _ = try PostgresPoolTests.role(db, "daemonpool")
    let folder = "\(db.server.folder)/baseline-daemon-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let start = SampleDatabase.start
    let baseline = try db.csv(from: start - 86_400, to: start + 3600)
    try FileManager.default.copyItem(atPath: baseline, toPath: "\(folder)/baseline.csv")
    let server =
      "host: 127.0.0.1, port: \(db.server.port), database: drift, user: daemonpool, "
      + "password_file: \(db.passwordFile), pool_size: 1"
    let target = "{ postgres: { \(server), table: requests }, timestamp_column: ts }"
    let fromServer =
      "{ postgres: { \(server), query: 'SELECT amount, visits, price, city, premium FROM "
      + "requests WHERE ts >= :start AND ts < :end ORDER BY ts', start: '"
      + Timestamp.format(start - 86_400) + "', end: '" + Timestamp.format(start + 3600) + "' } }"
    var yaml = """
      storage: { path: \(folder)/drift.db }
      defaults:
        tests: { numeric: [ks, psi, anderson, missing_rate], categorical: [chisquare, psi] }
      monitors:
        - name: file-baseline
          baseline: { path: baseline.csv }
          target: \(target)
          schedule: { window: 1h, delay: 0s, catch_up: 3 }

      """
    for index in 1...3 {
      yaml += """
          - name: pg-baseline-\(index)
            baseline: \(fromServer)
            target: \(target)
            schedule: { window: 1h, delay: 0s, catch_up: 3 }

        """
    }
    try yaml.write(toFile: "\(folder)/driftwatch.yaml", atomically: true, encoding: .utf8)
    let configuration = try ConfigLoader.load(
      path: "\(folder)/driftwatch.yaml", environment: [:], checkFiles: true)
    let store = try DriftStore(path: "\(folder)/drift.db")
    let scheduler = Scheduler(
      configuration: configuration, store: store,
      log: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    let passes = await scheduler.runOnce(now: start + 3 * 3600)
    #expect(passes.count == 4)
    for pass in passes { #expect(pass.stored == [.ok: 3], "\(pass.monitor)") }
    func results(_ monitor: String) throws -> [String] {
      try store.history(HistoryQuery(monitor: monitor)).map { "\($0.window.start) \($0.result)" }
    }
    let fromFile = try results("file-baseline")
    let perWindow = 3 * 4 + 2 * 2  // numeric features x tests + categorical x tests
    #expect(fromFile.count == 3 * perWindow)
    for index in 1...3 { #expect(try results("pg-baseline-\(index)") == fromFile) }
    // Four monitors, baselines and windows, on one server with pool_size: 1: one connection.
    #expect(try PostgresPoolTests.connections(db, role: "daemonpool") == 1)
  }

  @Test func readOnceUntilRefreshThenReadAgain() throws {
    let db = try SampleDatabase.shared.get()
    let table = "refresh_rows_\(UInt32.random(in: 0...UInt32.max))"
    try db.server.sql(
      "CREATE TABLE \(table) AS SELECT amount, city FROM requests ORDER BY ts LIMIT 100; "
        + "GRANT SELECT ON \(table) TO reader", database: "drift")
    let folder = "\(db.server.folder)/refresh-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let yaml = """
      storage: { path: \(folder)/drift.db }
      monitors:
        - name: refreshed
          baseline: { postgres: { host: 127.0.0.1, port: \(db.server.port), database: drift, user: reader, password_file: \(db.passwordFile), table: \(table), refresh: 1s } }
          target: { files: \(folder)/none-*.csv, timestamp_column: ts }
          schedule: { window: 1h }

      """
    try yaml.write(toFile: "\(folder)/driftwatch.yaml", atomically: true, encoding: .utf8)
    let configuration = try ConfigLoader.load(
      path: "\(folder)/driftwatch.yaml", environment: [:], checkFiles: true)
    let monitor = try #require(configuration.monitors.first)
    let store = try DriftStore(path: "\(folder)/drift.db")
    let cache = BaselineCache()
    let first = try cache.baseline(for: monitor, store: store)
    #expect(first.profile.rowCount == 100)
    #expect(!first.fromCache)
    try db.server.sql(
      "INSERT INTO \(table) SELECT amount, city FROM requests ORDER BY ts LIMIT 10",
      database: "drift")
    // Within refresh: the loaded profile is kept (the new rows are not read yet).
    let kept = try cache.baseline(for: monitor, store: store)
    if Date().timeIntervalSince1970 - first.loadedAt < 1 {
      #expect(kept.contentHash == first.contentHash)
      #expect(kept.loadedAt == first.loadedAt)
    }
    Thread.sleep(forTimeInterval: 1.1)
    let fresh = try cache.baseline(for: monitor, store: store)
    #expect(fresh.profile.rowCount == 110)
    #expect(fresh.contentHash != first.contentHash)
    // The same rows read again (a new cache: a reload) find the profile cached in the store.
    let reloaded = try BaselineCache().baseline(for: monitor, store: store)
    #expect(reloaded.fromCache)
    #expect(reloaded.contentHash == fresh.contentHash)
  }
}
