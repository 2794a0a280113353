import DriftConfig
import DriftData
import DriftStats
import Foundation
import Testing

@testable import DriftPostgres

/// `mode: pull` against a real PostgreSQL 15 server: rows into typed columns, the same as files.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct PostgresPullTests {
  let kinds: [String: ColumnKind] = [
    "amount": .numeric, "visits": .numeric, "price": .numeric, "city": .categorical,
    "premium": .boolean,
  ]
  var features: [String] { ["amount", "visits", "price", "city", "premium"] }

  func database() throws -> SampleDatabase { try SampleDatabase.shared.get() }

  @Test func tableWindowHoldsExactlyTheWindowsRowsTyped() throws {
    let db = try database()
    let query = PostgresWindowQuery(source: db.source(.table("requests")), timestampColumn: "ts")
    let start = SampleDatabase.start + 3600
    let (table, rejected) = try query.read(
      start: start, end: start + 3600, features: features, kinds: kinds, onBadRow: .fail)
    #expect(rejected == 0)
    #expect(table.rowCount == 200)
    #expect(table.columns.map(\.name) == features)
    #expect(table.columns.map(\.kind) == [.numeric, .numeric, .numeric, .categorical, .boolean])
    guard case .numeric(let amounts) = table.columns[0].values,
      case .categorical(let cities) = table.columns[3].values,
      case .categorical(let premium) = table.columns[4].values
    else {
      Issue.record("wrong column kinds")
      return
    }
    // Rows 200..<400; amount is NULL where i % 37 == 0 (i = 222, 259, 296, 333, 370).
    #expect(amounts.values.filter(\.isNaN).count == 5)
    #expect(cities.counts().missing == (200..<400).filter { $0 % 11 == 0 }.count)
    #expect(premium.categories == ["false", "true"])
    #expect(premium.counts().perCategory == [150, 50])
  }

  @Test func sameRowsAsTheFileReadersGiveBitIdenticalResults() throws {
    let db = try database()
    let start = SampleDatabase.start
    let baselineOptions = ReadOptions(kinds: kinds)
    let baseline = try DataReader.read(
      path: try db.csv(from: start, to: start + 3600), options: baselineOptions
    ).table
    let profile = try BaselineProfile(table: baseline, featureNames: features)
    let fileWindow = try DataReader.read(
      path: try db.csv(from: start + 7200, to: start + 10800), options: baselineOptions
    ).table
    for relation in [
      PostgresSource.Relation.table("requests"),
      .query("SELECT * FROM requests WHERE ts >= :start AND ts < :end -- trailing comment"),
    ] {
      let query = PostgresWindowQuery(source: db.source(relation), timestampColumn: "ts")
      let (pgWindow, _) = try query.read(
        start: start + 7200, end: start + 10800, features: features, kinds: kinds,
        onBadRow: .fail)
      let fromFile = try Evaluator.evaluate(
        profile: profile, target: fileWindow, settings: DriftSettings())
      let fromServer = try Evaluator.evaluate(
        profile: profile, target: pgWindow, settings: DriftSettings())
      #expect(fromServer.targetRows == fromFile.targetRows)
      #expect(fromServer.features.count == features.count)
      for (server, file) in zip(fromServer.features, fromFile.features) {
        #expect(server.name == file.name)
        #expect(server.tests == file.tests, "\(server.name) via \(relation)")
        #expect(server.target == file.target, "\(server.name) via \(relation)")
      }
    }
  }

  @Test func epochSecondsAndQuotedNamesAreRead() throws {
    let db = try database()
    let start = SampleDatabase.start
    let epoch = PostgresWindowQuery(
      source: db.source(.table("epoch_requests")), timestampColumn: "ts")
    let (table, _) = try epoch.read(
      start: start, end: start + 1800, features: ["visits"], kinds: ["visits": .numeric],
      onBadRow: .fail)
    #expect(table.rowCount == 100)
    let odd = PostgresWindowQuery(
      source: db.source(.table("app.Odd \"Name\"")), timestampColumn: "ts")
    let (oddTable, _) = try odd.read(
      start: start, end: start + 36, features: ["Amount $x"], kinds: ["Amount $x": .numeric],
      onBadRow: .fail)
    #expect(oddTable.rowCount == 2)
  }

  @Test func queryParametersAreBoundNotSpliced() throws {
    let db = try database()
    let start = SampleDatabase.start
    // ':start' inside a literal stays text; only the real parameters are bound.
    let sql =
      "SELECT amount, ':start' AS tag FROM requests WHERE ts >= :start AND ts < :end AND ':end' <> ''"
    let query = PostgresWindowQuery(source: db.source(.query(sql)), timestampColumn: "ts")
    let (table, _) = try query.read(
      start: start, end: start + 180, features: ["amount", "tag"],
      kinds: ["amount": .numeric, "tag": .categorical], onBadRow: .fail)
    #expect(table.rowCount == 10)
    guard case .categorical(let tags) = table.columns[1].values else {
      Issue.record("tag is not categorical")
      return
    }
    #expect(tags.categories == [":start"])
  }

  @Test func sourceCheckListsColumnsAndProblems() throws {
    let db = try database()
    let query = PostgresWindowQuery(source: db.source(.table("requests")), timestampColumn: "ts")
    var checkKinds = kinds
    checkKinds["note"] = .numeric
    checkKinds["absent"] = .numeric
    let report = try query.check(features: features + ["note", "absent"], kinds: checkKinds)
    #expect(
      report.columns.map(\.name) == ["ts", "amount", "visits", "price", "city", "premium", "note"])
    #expect(
      report.columns.first { $0.name == "amount" }?.type == "double precision"
        || report.columns.first { $0.name == "amount" }?.type == "float8")
    #expect(report.problems.count == 2)
    #expect(report.problems.contains { $0.contains("'note' is text") })
    #expect(report.problems.contains { $0.contains("'absent' is not among") })
    #expect(report.statements.first == "BEGIN TRANSACTION READ ONLY")
    #expect(
      report.statements.contains {
        $0.hasPrefix("SELECT \"amount\"") && $0.contains("\"ts\" >= $1")
      })
  }
}
