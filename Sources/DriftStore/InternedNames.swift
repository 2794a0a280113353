import DriftStats
import GRDB

/// Ids of monitor, feature and test names within one write transaction, so each name is
/// looked up once per transaction however many rows use it.
///
/// Names are interned into small id tables: a result row then carries three integers
/// instead of three strings, which keeps a year of history a fraction of its text size.
struct InternedNames {
  private var monitors: [String: Int64] = [:]
  private var features: [FeatureKey: Int64] = [:]
  private var tests: [DriftTest: Int64] = [:]

  private struct FeatureKey: Hashable {
    var name: String
    var kind: ColumnKind
  }

  /// The id of monitor `name`, created when new.
  mutating func monitor(_ name: String, in db: Database) throws -> Int64 {
    if let id = monitors[name] { return id }
    let id = try Self.intern(
      table: "monitors", columns: ["name"], values: [name], in: db)
    monitors[name] = id
    return id
  }

  /// The id of feature `name` of `kind`, created when new.
  mutating func feature(_ name: String, kind: ColumnKind, in db: Database) throws -> Int64 {
    let key = FeatureKey(name: name, kind: kind)
    if let id = features[key] { return id }
    let id = try Self.intern(
      table: "features", columns: ["name", "kind"], values: [name, kind.rawValue], in: db)
    features[key] = id
    return id
  }

  /// The id of `test`, created when new.
  mutating func test(_ test: DriftTest, in db: Database) throws -> Int64 {
    if let id = tests[test] { return id }
    let id = try Self.intern(
      table: "tests", columns: ["name"], values: [test.rawValue], in: db)
    tests[test] = id
    return id
  }

  /// The id of an existing monitor, or nil; never writes (for queries).
  static func existingMonitor(_ name: String, in db: Database) throws -> Int64? {
    try Int64.fetchOne(db, sql: "SELECT id FROM monitors WHERE name = ?", arguments: [name])
  }

  /// Selects the row with these unique values, inserting it first when absent.
  private static func intern(
    table: String, columns: [String], values: [String], in db: Database
  ) throws -> Int64 {
    let condition = columns.map { "\($0) = ?" }.joined(separator: " AND ")
    let arguments = StatementArguments(values)
    let select = try db.cachedStatement(sql: "SELECT id FROM \(table) WHERE \(condition)")
    if let id = try Int64.fetchOne(select, arguments: arguments) { return id }
    let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
    let insert = try db.cachedStatement(
      sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
    try insert.execute(arguments: arguments)
    return db.lastInsertedRowID
  }
}
