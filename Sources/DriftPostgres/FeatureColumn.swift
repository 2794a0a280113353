import DriftData
import DriftStats
import Foundation
import PostgresNIO

/// One feature's values as they are read.
struct FeatureColumn {
  typealias Value = TypedColumnBuilder.Value

  let kind: ColumnKind
  private var column: TypedColumnBuilder

  init(kind: ColumnKind) {
    self.kind = kind
    column = TypedColumnBuilder(kind: kind)
  }

  /// The cell's value for this kind (types were checked against the kind beforehand).
  func convert(_ cell: PostgresCell) -> Result<Value, ConversionFailure> {
    guard cell.bytes != nil else {
      return .success(kind.isCategoryLike ? .label(nil) : .number(.nan))
    }
    do {
      switch kind {
      case .numeric:
        return .success(.number(try Self.number(cell)))
      case .timestamp:
        if CellKind.times.contains(cell.dataType) {
          return .success(.number(try cell.decode(Date.self).timeIntervalSince1970))
        }
        return .success(.number(try Self.number(cell)))
      case .categorical:
        return .success(.label(try Self.text(cell)))
      case .boolean:
        let text = try Self.text(cell).lowercased()
        switch text {
        case "true", "1": return .success(.label("true"))
        case "false", "0": return .success(.label("false"))
        default: return .failure(ConversionFailure("'\(text)' is not true or false"))
        }
      }
    } catch {
      return .failure(ConversionFailure("cannot decode a \(CellKind.name(cell.dataType)) value"))
    }
  }

  private static func number(_ cell: PostgresCell) throws -> Double {
    if CellKind.integers.contains(cell.dataType) { return Double(try cell.decode(Int64.self)) }
    if cell.dataType == .numeric {
      // Through the exact decimal text, so the double is the nearest one, as for files.
      let decimal = try cell.decode(Decimal.self)
      return Double("\(decimal)") ?? .nan
    }
    return try cell.decode(Double.self)
  }

  private static func text(_ cell: PostgresCell) throws -> String {
    if CellKind.integers.contains(cell.dataType) { return String(try cell.decode(Int64.self)) }
    if cell.dataType == .bool { return try cell.decode(Bool.self) ? "true" : "false" }
    return try cell.decode(String.self)
  }

  mutating func append(_ value: Value) { column.append(value) }

  func values() -> ColumnValues { column.values() }
}

/// Why a value does not fit its feature's kind.
struct ConversionFailure: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
