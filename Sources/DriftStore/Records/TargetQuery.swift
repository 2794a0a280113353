import DriftData
import DriftStats
import GRDB

/// Reads a window of target data from a user's SQLite database with their query.
///
/// The query's `:start` and `:end` are bound as parameters (the window's bounds in seconds since
/// the epoch, UTC), never pasted into the SQL. The database is opened read-only
/// (`SQLITE_OPEN_READONLY`) and the query must be a single statement: a query that writes is
/// refused by SQLite, and the error says so.
public enum TargetQuery {
  /// The rows the query returns for `[start, end)`, typed by `kinds` (the baseline's).
  ///
  /// - Parameters:
  ///   - path: The SQLite database file.
  ///   - query: SQL with `:start` and `:end` parameters.
  ///   - features: Columns to keep, in this order; each must be in the result.
  ///   - kinds: The kind of each feature.
  ///   - onBadRow: `.skip` drops rows whose values do not fit their kind, `.fail` stops.
  /// - Throws: ``StoreError`` naming the database, the row and the column.
  public static func read(
    path: String, query: String, start: Int64, end: Int64, features: [String],
    kinds: [String: ColumnKind],
    onBadRow: BadRowPolicy
  ) throws(StoreError) -> (table: DriftStats.Table, rejectedRows: Int) {
    var configuration = GRDB.Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(5)
    do {
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      return try queue.read { db in
        var builders = features.map { ColumnAccumulator(kind: kinds[$0] ?? .categorical) }
        var rejected = 0
        let rows = try Row.fetchCursor(db, sql: query, arguments: ["start": start, "end": end])
        var rowNumber = 0
        var indexes: [Int]?
        while let row = try rows.next() {
          rowNumber += 1
          if indexes == nil {
            let names = Array(row.columnNames)
            indexes = try features.map { name in
              guard let index = names.firstIndex(of: name) else {
                throw StoreError(
                  .other, path: path,
                  message:
                    "\(path): the target query returns no column '\(name)'; it returns \(names.joined(separator: ", "))"
                )
              }
              return index
            }
          }
          var values = [ColumnAccumulator.Value]()
          var bad: String?
          for (position, index) in (indexes ?? []).enumerated() {
            switch builders[position].convert(row[index] as DatabaseValue) {
            case .success(let value): values.append(value)
            case .failure(let reason):
              bad = bad ?? "row \(rowNumber), column '\(features[position])': \(reason)"
            }
          }
          if let bad {
            guard onBadRow == .skip else {
              throw StoreError(
                .other, path: path,
                message: "\(path): target query \(bad) (or use on_bad_row: skip)")
            }
            rejected += 1
            continue
          }
          for (position, value) in values.enumerated() { builders[position].append(value) }
        }
        let columns = zip(features, builders).map { name, builder in
          DriftStats.Column(name: name, kind: builder.kind, values: builder.values())
        }
        return (
          DriftStats.Table(
            columns: columns, rowCount: rowNumber - rejected, rejectedRows: rejected), rejected
        )
      }
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
      throw StoreError(
        .other, path: path,
        message:
          "\(path): the target query tried to write (\(error.message ?? "read-only database")); "
          + "target queries run on a read-only connection: give one SELECT with :start and :end",
        sqliteCode: error.extendedResultCode.rawValue)
    } catch let error as DatabaseError
      where error.message?.hasPrefix("Multiple statements found") == true
    {
      throw StoreError(
        .other, path: path,
        message:
          "\(path): the target query holds more than one statement; give exactly one SELECT "
          + "with :start and :end", sqliteCode: error.extendedResultCode.rawValue)
    } catch {
      throw StoreError.wrapping(error, path: path, action: "running the target query")
    }
  }
}

/// Converts SQLite values to one typed column (stored in a ``TypedColumnBuilder``).
private struct ColumnAccumulator {
  typealias Value = TypedColumnBuilder.Value

  let kind: ColumnKind
  private var column: TypedColumnBuilder

  init(kind: ColumnKind) {
    self.kind = kind
    column = TypedColumnBuilder(kind: kind)
  }

  func convert(_ value: DatabaseValue) -> Result<Value, ConversionError> {
    switch (kind, value.storage) {
    case (_, .null): return .success(kind.isCategoryLike ? .label(nil) : .number(.nan))
    case (.numeric, .int64(let number)), (.timestamp, .int64(let number)):
      return .success(.number(Double(number)))
    case (.numeric, .double(let number)), (.timestamp, .double(let number)):
      return .success(.number(number))
    case (.numeric, .string(let text)):
      guard let number = Double(text) else {
        return .failure(ConversionError("'\(text)' is not a number"))
      }
      return .success(.number(number))
    case (.timestamp, .string(let text)):
      guard let seconds = Timestamp.parse(text) else {
        return .failure(ConversionError("'\(text)' is not a time"))
      }
      return .success(.number(seconds))
    case (.boolean, .int64(let number)) where number == 0 || number == 1:
      return .success(.label(number == 1 ? "true" : "false"))
    case (.boolean, .string(let text)) where ["true", "false"].contains(text.lowercased()):
      return .success(.label(text.lowercased()))
    case (.categorical, .int64(let number)): return .success(.label(String(number)))
    case (.categorical, .double(let number)): return .success(.label(String(number)))
    case (.categorical, .string(let text)): return .success(.label(text))
    default:
      return .failure(ConversionError("a value of the wrong type for a \(kind.rawValue) column"))
    }
  }

  mutating func append(_ value: Value) { column.append(value) }

  func values() -> ColumnValues { column.values() }
}

private struct ConversionError: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
