import DriftStats
import DriftStore
import Foundation
import GRDB
import Testing

/// The `sqlite` target query runs on a read-only connection with `:start` / `:end` bound: a
/// query that tries to write (or to smuggle a second statement) is refused with a clear error
/// and the user's database is left as it was.
@Suite struct TargetQuerySafetyTests {
  static func database() throws -> (ScratchDirectory, String) {
    let scratch = try ScratchDirectory()
    let path = scratch.path("inputs.db")
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "CREATE TABLE inputs (ts INTEGER, x REAL)")
      for ts in 0..<10 {
        try db.execute(sql: "INSERT INTO inputs VALUES (?, ?)", arguments: [ts, Double(ts)])
      }
    }
    return (scratch, path)
  }

  static func read(_ path: String, _ query: String, start: Int64 = 0, end: Int64 = 100)
    throws(StoreError) -> Int
  {
    try TargetQuery.read(
      path: path, query: query, start: start, end: end, features: ["x"],
      kinds: ["x": .numeric], onBadRow: .fail
    ).table.rowCount
  }

  static func rows(_ path: String) throws -> Int {
    try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM inputs") }
      ?? -1
  }

  @Test func boundsAreBoundParametersNotText() throws {
    let (_, path) = try Self.database()
    #expect(try Self.read(path, "SELECT * FROM inputs WHERE ts >= :start AND ts < :end") == 10)
    #expect(
      try Self.read(path, "SELECT * FROM inputs WHERE ts >= :start AND ts < :end", start: 3, end: 5)
        == 2)
    // A bound value is a value: quoting tricks in the SQL text meet an integer, not text.
    #expect(try Self.read(path, "SELECT * FROM inputs WHERE typeof(:start) = 'integer'") == 10)
  }

  @Test(arguments: [
    ("INSERT INTO inputs VALUES (99, 1.0) RETURNING ts, x", "tried to write"),
    ("UPDATE inputs SET x = 0 WHERE ts >= :start RETURNING x", "tried to write"),
    ("DELETE FROM inputs WHERE ts < :end RETURNING x", "tried to write"),
    ("DELETE FROM inputs; SELECT * FROM inputs WHERE ts >= :start AND ts < :end", "one statement"),
    ("SELECT * FROM inputs WHERE ts >= :start; DROP TABLE inputs", "one statement"),
    ("PRAGMA user_version = 7", "tried to write"),
  ])
  func aQueryThatWritesIsRefusedAndChangesNothing(query: String, says: String) throws {
    let (_, path) = try Self.database()
    let error = try #require(throws: StoreError.self) { try Self.read(path, query) }
    #expect(error.message.contains(says), "\(error.message)")
    #expect(error.message.contains(path))
    #expect(try Self.rows(path) == 10)
    let version = try DatabaseQueue(path: path).read {
      try Int.fetchOne($0, sql: "PRAGMA user_version")
    }
    #expect(version == 0)
  }

  @Test func attachingAnotherFileCannotCreateOrWriteIt() throws {
    let (scratch, path) = try Self.database()
    let other = scratch.path("other.db")
    _ = try? Self.read(path, "ATTACH DATABASE '\(other)' AS evil")
    #expect(!FileManager.default.fileExists(atPath: other))
    #expect(
      throws: StoreError.self,
      performing: {
        try Self.read(path, "SELECT load_extension('/nonexistent/evil') AS x")
      })
  }
}
