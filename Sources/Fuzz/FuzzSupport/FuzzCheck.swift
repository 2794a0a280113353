import DriftStats

@testable import DriftData

/// The properties both reader fuzz targets check.
public enum FuzzCheck {
  /// Reads `bytes` on one thread, then in 2-4 chunks of a few bytes, and traps when the two
  /// disagree or an error does not locate itself inside the input.
  public static func readConsistently(
    _ bytes: [UInt8], format: DataFormat, options: ReadOptions, selector: UInt8
  ) {
    var single = options
    single.threads = 1
    var split = options
    split.threads = 2 + Int(selector >> 6) % 3
    split.minimumChunkBytes = 1 + Int(selector & 3) * 7
    let first = outcome(bytes, format: format, options: single)
    let second = outcome(bytes, format: format, options: split)
    switch (first, second) {
    case (.success(let a), .success(let b)):
      precondition(identical(a.table, b.table), "chunked read differs from the single read")
      precondition(a.rejected == b.rejected, "chunked read rejects other rows")
      let records = bytes.count { $0 == 10 || $0 == 13 } + 1
      precondition(a.table.rowCount + a.table.rejectedRows <= records, "more rows than lines")
    case (.failure(let a), .failure(let b)):
      precondition(a == b, "chunked read fails differently: \(a) vs \(b)")
      check(a, bytes)
    default:
      preconditionFailure("one read failed, the other did not: \(first) vs \(second)")
    }
  }

  private static func outcome(_ bytes: [UInt8], format: DataFormat, options: ReadOptions)
    -> Result<ReadResult, DataError>
  {
    do {
      return .success(
        try DataReader.read(bytes: bytes, name: "fuzz", format: format, options: options))
    } catch {
      return .failure(error)
    }
  }

  private static func check(_ error: DataError, _ bytes: [UInt8]) {
    precondition(error.file == "fuzz" && !error.message.isEmpty, "error without file or message")
    let lines = bytes.count { $0 == 10 || $0 == 13 } + 1
    precondition(error.line >= 0 && error.line <= lines, "error line \(error.line) past the input")
    precondition(error.column >= 0 && error.column <= bytes.count + 1, "error column past the line")
  }

  /// Same columns, numbers compared bit for bit (NaN equals NaN).
  private static func identical(_ left: Table, _ right: Table) -> Bool {
    guard left.rowCount == right.rowCount, left.rejectedRows == right.rejectedRows,
      left.columns.count == right.columns.count
    else { return false }
    for (a, b) in zip(left.columns, right.columns) {
      guard a.name == b.name, a.kind == b.kind else { return false }
      switch (a.values, b.values) {
      case (.numeric(let x), .numeric(let y)):
        guard x.values.map(\.bitPattern) == y.values.map(\.bitPattern) else { return false }
      case (.categorical(let x), .categorical(let y)):
        guard x == y else { return false }
      default: return false
      }
    }
    return true
  }
}
