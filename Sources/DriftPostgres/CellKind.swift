import DriftStats
import PostgresNIO

/// Which PostgreSQL column types feed which kind of feature column.
enum CellKind {
  static let integers: Set<PostgresDataType> = [.int2, .int4, .int8]
  static let floats: Set<PostgresDataType> = [.float4, .float8]
  static let texts: Set<PostgresDataType> = [.text, .varchar, .bpchar, .name]
  static let times: Set<PostgresDataType> = [.timestamp, .timestamptz, .date]

  /// Whether a column of `type` can be read as a feature of `kind`.
  static func accepts(_ type: PostgresDataType, for kind: ColumnKind) -> Bool {
    switch kind {
    case .numeric:
      return integers.contains(type) || floats.contains(type) || type == .numeric
    case .categorical:
      return texts.contains(type) || integers.contains(type) || type == .bool
    case .boolean:
      return type == .bool || texts.contains(type) || integers.contains(type)
    case .timestamp:
      return times.contains(type) || integers.contains(type) || floats.contains(type)
        || type == .numeric
    }
  }

  /// The column types accepted for `kind`, for messages.
  static func expected(for kind: ColumnKind) -> String {
    switch kind {
    case .numeric: "smallint, integer, bigint, real, double precision or numeric"
    case .categorical: "text, varchar, char, an integer type or boolean"
    case .boolean: "boolean, text ('true'/'false') or an integer (0/1)"
    case .timestamp: "timestamptz, timestamp, date or epoch seconds"
    }
  }

  /// The type's SQL name, for messages (`double precision`, `text`, or `type 1234`).
  static func name(_ type: PostgresDataType) -> String {
    type.knownSQLName?.lowercased() ?? "type \(type.rawValue)"
  }
}
