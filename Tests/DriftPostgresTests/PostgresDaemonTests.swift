import DriftDaemon
import DriftStore
import Foundation
import Testing

/// Monitors on a PostgreSQL source through the scheduler: the same stored history as files, a
/// failing source stored as a failed window (retried, nothing partial), other monitors going on.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct PostgresDaemonTests {
  @Test func sameHistoryAsFilesAndABrokenSourceFailsOnlyItsMonitor() async throws {
    let db = try SampleDatabase.shared.get()
    let start = SampleDatabase.start
    // The push-down suite's monitors (files, pg, broken) on the same data, with `mode: pull`.
    let (_, configuration, store) = try PostgresPushdownTests.setUp(
      db, pushdown: ", mode: pull", tests: "[ks, psi, anderson, missing_rate]",
      categorical: "[chisquare, psi]")
    let now = start + 3 * 3600
    let byName = await PostgresPushdownTests.run(configuration, store)
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
