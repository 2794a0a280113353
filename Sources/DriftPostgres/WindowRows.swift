import DriftData
import DriftStats
import Foundation
import NIOCore
import PostgresNIO

/// Builds the typed feature columns of a window from rows as they stream in.
///
/// Rows arrive one at a time on the connection's event loop; the columns are read only after
/// the query's future completed, which orders those writes before the read. Hence
/// `@unchecked Sendable`: no two threads touch it at once.
final class WindowRows: @unchecked Sendable {
  let features: [String]
  let kinds: [ColumnKind]
  let onBadRow: BadRowPolicy
  private var builders: [FeatureColumn]
  /// For each result column, the feature slot it fills (nil: not a feature).
  private var slots: [Int?]?
  private(set) var rows = 0
  private(set) var rejected = 0
  private var values: [FeatureColumn.Value]

  init(features: [String], kinds: [String: ColumnKind], onBadRow: BadRowPolicy) {
    self.features = features
    self.kinds = features.map { kinds[$0] ?? .categorical }
    self.onBadRow = onBadRow
    builders = self.kinds.map { FeatureColumn(kind: $0) }
    values = Array(repeating: .number(.nan), count: features.count)
  }

  /// A problem with the query's columns or a row; the caller adds the server.
  struct Problem: Error {
    var cause: String
  }

  /// Adds one row (or rejects it under `on_bad_row: skip`).
  func add(_ row: PostgresRow) throws {
    let slots = try self.slots ?? resolve(row)
    var bad: String?
    for cell in row {
      guard let slot = slots[cell.columnIndex] else { continue }
      switch builders[slot].convert(cell) {
      case .success(let value): values[slot] = value
      case .failure(let reason):
        bad = bad ?? "row \(rows + rejected + 1), column '\(features[slot])': \(reason.reason)"
      }
    }
    if let bad {
      guard onBadRow == .skip else { throw Problem(cause: "\(bad) (or use on_bad_row: skip)") }
      rejected += 1
      return
    }
    for slot in values.indices { builders[slot].append(values[slot]) }
    rows += 1
  }

  /// The window's table.
  func table() -> Table {
    let columns = zip(features, builders).map { name, builder in
      Column(name: name, kind: builder.kind, values: builder.values())
    }
    return Table(columns: columns, rowCount: rows, rejectedRows: rejected)
  }

  /// Maps the result's columns to features from the first row, checking every type.
  private func resolve(_ row: PostgresRow) throws -> [Int?] {
    let cells = Array(row)
    var slots = [Int?](repeating: nil, count: cells.count)
    for (slot, name) in features.enumerated() {
      guard let cell = cells.first(where: { $0.columnName == name }) else {
        throw Problem(
          cause: "the query returns no column '\(name)'; it returns "
            + cells.map(\.columnName).joined(separator: ", "))
      }
      if let problem = Self.typeProblem(cell.dataType, feature: name, kind: kinds[slot]) {
        throw Problem(cause: problem)
      }
      slots[cell.columnIndex] = slot
    }
    self.slots = slots
    return slots
  }

  /// Why a column of `type` cannot hold feature `name` of `kind`, or nil when it can.
  static func typeProblem(_ type: PostgresDataType, feature name: String, kind: ColumnKind)
    -> String?
  {
    guard !CellKind.accepts(type, for: kind) else { return nil }
    return "column '\(name)' is \(CellKind.name(type)), but the baseline has it \(kind.rawValue); "
      + "expected \(CellKind.expected(for: kind)) (cast it in the query, or set its type under "
      + "features.types)"
  }
}

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
