import DriftConfig
import DriftData
import DriftStats
import Foundation
import Testing

@testable import DriftPostgres

/// `baseline: { postgres: }` against a real PostgreSQL 15 server: the rows read in full give the
/// file baseline's table and profile, bit for bit.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct PostgresBaselineTests {
  func database() throws -> SampleDatabase { try SampleDatabase.shared.get() }

  func baseline(
    _ db: SampleDatabase, _ relation: PostgresSource.Relation, range: (Int64, Int64)? = nil
  ) -> PostgresBaselineQuery {
    PostgresBaselineQuery(
      baseline: PostgresBaselineSource(source: db.source(relation), range: range),
      timestampColumn: "ts")
  }

  @Test(arguments: ["table", "query"])
  func sameProfileAsTheSameRowsInACSVFile(_ form: String) throws {
    let db = try database()
    let start = SampleDatabase.start
    let end = start + 7200
    let csv = try db.csv(from: start, to: end)
    let fromFile = try DataReader.read(path: csv, options: ReadOptions()).table
    let relation: PostgresSource.Relation =
      form == "table"
      ? .table("requests")
      : .query(
        "SELECT amount, visits, price, city, premium FROM requests "
          + "WHERE ts >= :start AND ts < :end ORDER BY ts")
    let fromServer = try baseline(db, relation, range: (start, end)).read(
      columns: nil, exclude: ["ts", "note"], kinds: [:], onBadRow: .fail)
    // Kinds from the column types match the file reader's inference, and every value is equal
    // (bit for bit: NaN is not equal to itself, so the columns are compared as bit patterns).
    #expect(Self.bits(fromServer) == Self.bits(fromFile))
    #expect(fromServer.rowCount == 400)
    let names = ["amount", "visits", "price", "city", "premium"]
    let fileProfile = try BaselineProfile(table: fromFile, featureNames: names)
    let serverProfile = try BaselineProfile(table: fromServer, featureNames: names)
    #expect(serverProfile.encoded() == fileProfile.encoded())
  }

  @Test func everyRowWithoutARangeAndOtherTypesAsText() throws {
    let db = try database()
    let query = baseline(
      db,
      .query(
        "SELECT ts, amount, city, jsonb_build_object('k', visits) AS payload, visits FROM requests"
      ))
    let table = try query.read(
      columns: nil, exclude: ["ts"], kinds: ["visits": .categorical], onBadRow: .fail)
    #expect(table.rowCount == 600)
    #expect(table.columns.map(\.name) == ["amount", "city", "payload", "visits"])
    #expect(table.columns.map(\.kind) == [.numeric, .categorical, .categorical, .categorical])
    guard case .categorical(let payload) = table.columns[2].values else {
      Issue.record("payload is not categorical")
      return
    }
    #expect(payload.categories.first == "{\"k\": 0}")
    #expect(payload.categories.count == 13)
  }

  @Test func includeNamesMissingColumnsAndTypeConflictsFail() throws {
    let db = try database()
    let query = baseline(db, .table("requests"))
    let missing = #expect(throws: PostgresSourceError.self) {
      try query.read(columns: ["amount", "absent"], exclude: [], kinds: [:], onBadRow: .fail)
    }
    #expect(missing?.message.contains("no column 'absent' (features.include)") == true)
    let conflict = #expect(throws: PostgresSourceError.self) {
      try query.read(columns: nil, exclude: ["ts"], kinds: ["note": .numeric], onBadRow: .fail)
    }
    #expect(
      conflict?.message.contains("column 'note' is text") == true, "\(conflict?.message ?? "")")
    #expect(conflict?.message.contains(SampleDatabase.readerPassword) == false)
  }

  @Test func rangeOnEpochSecondsAndCheckReportsTheStatement() throws {
    let db = try database()
    let start = SampleDatabase.start
    let query = baseline(db, .table("epoch_requests"), range: (start, start + 3600))
    let table = try query.read(columns: nil, exclude: ["ts"], kinds: [:], onBadRow: .fail)
    #expect(table.rowCount == 200)
    let report = try query.check(columns: nil, exclude: ["ts"], kinds: [:])
    #expect(report.problems.isEmpty)
    #expect(report.columns.first { $0.name == "amount" }?.feature == .numeric)
    #expect(report.columns.first { $0.name == "ts" }?.feature == nil)
    #expect(
      report.statements.contains {
        $0.contains("\"ts\" >= extract(epoch FROM $1)::bigint") && $0.hasSuffix("ORDER BY \"ts\"")
      }, "\(report.statements)")
    let noColumn = baseline(db, .query("SELECT amount FROM requests"), range: nil)
    #expect(try noColumn.check(columns: nil, exclude: [], kinds: [:]).problems.isEmpty)
  }

  /// Each column's name, kind and values as text: bit patterns of numbers, labels of codes.
  static func bits(_ table: Table) -> [String] {
    table.columns.map { column in
      let values: [String]
      switch column.values {
      case .numeric(let numbers): values = numbers.values.map { String($0.bitPattern) }
      case .categorical(let labels):
        values = labels.codes.map { $0 < 0 ? "-" : labels.categories[Int($0)] }
      }
      return "\(column.name) \(column.kind): " + values.joined(separator: ",")
    }
  }
}
