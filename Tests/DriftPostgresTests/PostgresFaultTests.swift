import DriftConfig
import DriftData
import DriftStats
import Foundation
import Testing

@testable import DriftPostgres

/// Each fault is an error naming the server and the cause, never the password.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct PostgresFaultTests {
  let start = SampleDatabase.start

  func database() throws -> SampleDatabase { try SampleDatabase.shared.get() }

  /// The error reading one window of `source`, checked to name the server and not the password.
  func failure(
    _ source: PostgresSource, features: [String] = ["amount"],
    kinds: [String: ColumnKind] = ["amount": .numeric]
  ) -> String {
    let query = PostgresWindowQuery(source: source, timestampColumn: "ts")
    do {
      _ = try query.read(
        start: start, end: start + 3600, features: features, kinds: kinds, onBadRow: .fail)
      Issue.record("the read succeeded")
      return ""
    } catch {
      #expect(error.message.hasPrefix("postgres reader@127.0.0.1:\(source.port)/"))
      #expect(!error.message.contains(SampleDatabase.readerPassword))
      #expect(!error.message.contains("wrong-password-123"))
      return error.message
    }
  }

  @Test func wrongPassword() throws {
    let db = try database()
    let message = failure(
      db.source(.table("requests"), password: .value(.init("wrong-password-123"))))
    #expect(message.contains("authentication failed for user 'reader'"), "\(message)")
  }

  @Test func missingTable() throws {
    let db = try database()
    let message = failure(db.source(.table("nowhere")))
    #expect(message.contains("\"nowhere\" does not exist"), "\(message)")
  }

  @Test func columnOfTheWrongType() throws {
    let db = try database()
    let message = failure(
      db.source(.table("requests")), features: ["note"], kinds: ["note": .numeric])
    #expect(
      message.contains("column 'note' is text, but the baseline has it numeric"), "\(message)")
  }

  @Test func serverDown() throws {
    let db = try database()
    let message = failure(db.source(.table("requests"), port: try PostgresServer.freePort()))
    #expect(message.contains("cannot connect"), "\(message)")
  }

  @Test func statementTimeout() throws {
    let db = try database()
    let slow = "SELECT amount FROM requests, pg_sleep(3) WHERE ts >= :start AND ts < :end"
    let message = failure(db.source(.query(slow), statementTimeout: 1))
    #expect(message.contains("statement_timeout (1s)"), "\(message)")
  }

  @Test func writingQueryIsRefused() throws {
    let db = try database()
    // nextval writes (the sequence); a read-only transaction refuses it.
    let writes =
      "SELECT amount, nextval('counter') AS n FROM requests WHERE ts >= :start AND ts < :end"
    let message = failure(db.source(.query(writes)))
    #expect(message.contains("read-only transaction"), "\(message)")
    #expect(try db.server.sql("SELECT is_called FROM counter", database: "drift").hasPrefix("f"))
  }

  @Test func connectionDroppedMidQuery() throws {
    let db = try database()
    let slow = "SELECT amount FROM requests, pg_sleep(20) WHERE ts >= :start AND ts < :end"
    let server = db.server
    let killer = Thread {
      // Ends the reader's backend once its query runs.
      for _ in 0..<100 {
        Thread.sleep(forTimeInterval: 0.1)
        let ended = try? server.sql(
          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            + "WHERE usename = 'reader' AND query LIKE '%pg_sleep(20)%'")
        if let ended, ended.hasPrefix("1") { return }
      }
    }
    killer.start()
    let began = Date()
    let message = failure(db.source(.query(slow)))
    #expect(Date().timeIntervalSince(began) < 15)
    #expect(
      message.contains("ended the connection") || message.contains("connection was closed"),
      "\(message)")
  }

  @Test func badValueUnderSkipIsRejectedNotFatal() throws {
    let db = try database()
    let sql =
      "SELECT CASE WHEN visits = 3 THEN 'maybe' ELSE (visits % 2 = 0)::text END AS flag "
      + "FROM requests WHERE ts >= :start AND ts < :end"
    let query = PostgresWindowQuery(source: db.source(.query(sql)), timestampColumn: "ts")
    let (table, rejected) = try query.read(
      start: start, end: start + 3600, features: ["flag"], kinds: ["flag": .boolean],
      onBadRow: .skip)
    let threes = (0..<200).filter { $0 % 13 == 3 }.count
    #expect(rejected == threes)
    #expect(table.rowCount == 200 - threes)
    #expect(throws: PostgresSourceError.self) {
      _ = try query.read(
        start: start, end: start + 3600, features: ["flag"], kinds: ["flag": .boolean],
        onBadRow: .fail)
    }
  }
}
