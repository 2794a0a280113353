import Testing

@testable import DriftPostgres

@Suite struct SQLParametersTests {
  @Test(arguments: [
    (
      "SELECT * FROM t WHERE ts >= :start AND ts < :end",
      "SELECT * FROM t WHERE ts >= $1 AND ts < $2"
    ),
    (
      "SELECT ':start', \"a:end\" FROM t WHERE x::date > :start",
      "SELECT ':start', \"a:end\" FROM t WHERE x::date > $1"
    ),
    ("SELECT 1 -- :start\nWHERE a < :end", "SELECT 1 -- :start\nWHERE a < $2"),
    ("SELECT /* :start /* nested :end */ */ :end", "SELECT /* :start /* nested :end */ */ $2"),
    (
      "SELECT $$ :start $$, $tag$ :end $tag$, $1 FROM t WHERE :starts > :start",
      "SELECT $$ :start $$, $tag$ :end $tag$, $1 FROM t WHERE :starts > $1"
    ),
    ("SELECT 'it''s :start' WHERE b>=:start", "SELECT 'it''s :start' WHERE b>=$1"),
  ])
  func namedParametersBecomePositional(sql: String, expected: String) {
    #expect(SQLParameters.positional(sql, names: ["start", "end"]) == expected)
  }

  @Test func identifiersAreQuoted() {
    #expect(PostgresIdentifier.quoted("a\"b") == "\"a\"\"b\"")
    #expect(PostgresIdentifier.quotedRelation("app.Odd \"Name\"") == "\"app\".\"Odd \"\"Name\"\"\"")
  }
}
