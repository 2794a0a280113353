import Foundation
import PostgresNIO

/// The SELECT a window sends, with how its two parameters (the window's bounds) are bound.
public struct WindowStatement: Sendable, Equatable {
  /// How `$1` / `$2` carry the bounds: matched to the timestamp column's type so the comparison
  /// is the column's own operator and an index or partition on it is used.
  public enum Bounds: String, Sendable, Equatable {
    /// `timestamptz` values.
    case time
    /// Whole seconds since the epoch (`bigint`).
    case seconds
    /// Seconds since the epoch as `double precision`.
    case fractionalSeconds
  }

  /// The SQL text, with `$1` and `$2` for the window's start and end.
  public var sql: String
  /// How the bounds are bound.
  public var bounds: Bounds

  /// The query for the window `[start, end)` (seconds since the epoch).
  func query(start: Int64, end: Int64) -> PostgresQuery {
    var binds = PostgresBindings(capacity: 2)
    switch bounds {
    case .time:
      binds.append(Date(timeIntervalSince1970: Double(start)))
      binds.append(Date(timeIntervalSince1970: Double(end)))
    case .seconds:
      binds.append(start)
      binds.append(end)
    case .fractionalSeconds:
      binds.append(Double(start))
      binds.append(Double(end))
    }
    return PostgresQuery(unsafeSQL: sql, binds: binds)
  }

  /// The SELECT of `features` from `table`, its rows filtered on `timestampColumn` of type
  /// `type`; nil when that type cannot hold times.
  static func table(
    _ table: String, timestampColumn: String, type: PostgresDataType, features: [String]
  ) -> WindowStatement? {
    let column = PostgresIdentifier.quoted(timestampColumn)
    let bounds: Bounds
    let low: String
    let high: String
    switch type {
    case .timestamptz:
      (bounds, low, high) = (.time, "$1", "$2")
    case .timestamp, .date:
      // Times without a zone are read as UTC, like times without an offset in files.
      (bounds, low, high) = (.time, "($1 AT TIME ZONE 'UTC')", "($2 AT TIME ZONE 'UTC')")
    case .int2, .int4, .int8:
      (bounds, low, high) = (.seconds, "$1", "$2")
    case .numeric:
      (bounds, low, high) = (.seconds, "$1::numeric", "$2::numeric")
    case .float4, .float8:
      (bounds, low, high) = (.fractionalSeconds, "$1", "$2")
    default:
      return nil
    }
    let sql =
      "SELECT \(selectList(features)) FROM \(PostgresIdentifier.quotedRelation(table)) "
      + "WHERE \(column) >= \(low) AND \(column) < \(high)"
    return WindowStatement(sql: sql, bounds: bounds)
  }

  /// The SELECT of `features` from the rows of the user's `query` (its `:start` / `:end` bound
  /// as `timestamptz`).
  static func query(_ query: String, features: [String]) -> WindowStatement {
    let inner = SQLParameters.positional(trimmed(query), names: ["start", "end"])
    // The newline ends a trailing `--` comment before the closing parenthesis.
    let sql = "SELECT \(selectList(features)) FROM (\n\(inner)\n) AS window_rows"
    return WindowStatement(sql: sql, bounds: .time)
  }

  /// `query` without surrounding white space and trailing semicolons (it becomes a subquery).
  static func trimmed(_ query: String) -> String {
    var text = query.trimmingCharacters(in: .whitespacesAndNewlines)
    while text.hasSuffix(";") {
      text.removeLast()
      text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return text
  }

  private static func selectList(_ features: [String]) -> String {
    features.map(PostgresIdentifier.quoted).joined(separator: ", ")
  }
}
