import DriftConfig
import DriftDaemon
import DriftStore
import Foundation
import Logging
import Testing

/// Monitors on a PostgreSQL source through the scheduler: the same stored history as files, a
/// failing source stored as a failed window (retried, nothing partial), other monitors going on.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct PostgresDaemonTests {
  @Test func sameHistoryAsFilesAndABrokenSourceFailsOnlyItsMonitor() async throws {
    let db = try SampleDatabase.shared.get()
    let folder = "\(db.server.folder)/daemon-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let start = SampleDatabase.start
    let baseline = try db.csv(from: start - 86_400, to: start + 3600)
    try FileManager.default.copyItem(atPath: baseline, toPath: "\(folder)/baseline.csv")
    let target = try db.server.sql(
      """
      COPY (SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ts, amount,
        visits, price, city, premium::text AS premium FROM requests ORDER BY ts)
        TO STDOUT WITH (FORMAT csv, HEADER)
      """, database: "drift")
    try target.write(toFile: "\(folder)/target-1.csv", atomically: true, encoding: .utf8)
    func postgres(_ table: String) -> String {
      "{ postgres: { host: 127.0.0.1, port: \(db.server.port), database: drift, user: reader, "
        + "password_file: \(db.passwordFile), table: \(table), mode: pull }, "
        + "timestamp_column: ts }"
    }
    let yaml = """
      storage: { path: \(folder)/drift.db }
      defaults:
        tests: { numeric: [ks, psi, anderson, missing_rate], categorical: [chisquare, psi] }
      monitors:
        - name: files
          baseline: { path: baseline.csv }
          target: { files: \(folder)/target-*.csv, timestamp_column: ts }
          schedule: { window: 1h, delay: 0s, catch_up: 3 }
        - name: pg
          baseline: { path: baseline.csv }
          target: \(postgres("requests"))
          schedule: { window: 1h, delay: 0s, catch_up: 3 }
        - name: broken
          baseline: { path: baseline.csv }
          target: \(postgres("nowhere"))
          schedule: { window: 1h, delay: 0s, catch_up: 3 }

      """
    try yaml.write(toFile: "\(folder)/driftwatch.yaml", atomically: true, encoding: .utf8)
    let configuration = try ConfigLoader.load(
      path: "\(folder)/driftwatch.yaml", environment: [:], checkFiles: true)
    let store = try DriftStore(path: "\(folder)/drift.db")
    let scheduler = Scheduler(
      configuration: configuration, store: store,
      log: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    let now = start + 3 * 3600
    let passes = await scheduler.runOnce(now: now)
    let byName = Dictionary(uniqueKeysWithValues: passes.map { ($0.monitor, $0) })
    #expect(byName["files"]?.stored == [.ok: 3])
    #expect(byName["pg"]?.stored == [.ok: 3])
    // The first failure ends the broken monitor's pass; the others went on.
    #expect(byName["broken"]?.stored == [.failed: 1])

    func results(_ monitor: String) throws -> [String] {
      try store.history(HistoryQuery(monitor: monitor)).map {
        "\($0.window.start) \($0.result)"
      }
    }
    let fromFiles = try results("files")
    let perWindow = 3 * 4 + 2 * 2  // numeric features x tests + categorical x tests
    #expect(fromFiles.count == 3 * perWindow)
    #expect(try results("pg") == fromFiles)

    let states = try store.windowStates(monitor: "broken", from: start, to: now)
    #expect(states.map(\.status) == [.failed])
    #expect(states.first?.nextAttemptAt == now + 60)
    let status = try #require(try store.status().first { $0.monitor == "broken" })
    let message = try #require(status.lastError?.message)
    #expect(message.contains("monitor 'broken'"), "\(message)")
    #expect(message.contains("postgres reader@127.0.0.1:\(db.server.port)/drift"), "\(message)")
    #expect(message.contains("\"nowhere\" does not exist"), "\(message)")
    #expect(!message.contains(SampleDatabase.readerPassword))
  }
}
