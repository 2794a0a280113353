import DriftStats
import Foundation
import PostgresNIO

/// One feature's values as they are read.
struct FeatureColumn {
  enum Value {
    case number(Double)
    case label(String?)
  }

  let kind: ColumnKind
  private var numbers = [Double]()
  private var codes = [Int32]()
  private var categories = [String]()
  private var index = [String: Int32]()

  init(kind: ColumnKind) {
    self.kind = kind
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

  mutating func append(_ value: Value) {
    switch value {
    case .number(let number): numbers.append(number)
    case .label(nil): codes.append(CategoricalColumn.missingCode)
    case .label(let text?):
      if let code = index[text] {
        codes.append(code)
      } else {
        let code = Int32(categories.count)
        index[text] = code
        categories.append(text)
        codes.append(code)
      }
    }
  }

  func values() -> ColumnValues {
    guard kind.isCategoryLike else { return .numeric(NumericColumn(values: numbers)) }
    guard kind == .boolean else {
      return .categorical(CategoricalColumn(codes: codes, categories: categories))
    }
    // Booleans always list false, then true, whatever order they arrived in.
    let labels = ["false", "true"]
    let remapped = codes.map {
      $0 < 0 ? $0 : Int32(labels.firstIndex(of: categories[Int($0)]) ?? 0)
    }
    return .categorical(CategoricalColumn(codes: remapped, categories: labels))
  }
}

/// Why a value does not fit its feature's kind.
struct ConversionFailure: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
