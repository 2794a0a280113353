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
