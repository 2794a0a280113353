import DriftStats
import Foundation

@testable import DriftData

/// Writes test files into a fresh temporary directory.
struct Scratch {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("driftdata-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  /// Writes `text` as UTF-8 to `name` and returns the path.
  func write(_ text: String, name: String) throws -> String {
    try write(Array(text.utf8), name: name)
  }

  /// Writes raw bytes to `name` and returns the path.
  func write(_ bytes: [UInt8], name: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }
}

/// A small deterministic random generator (SplitMix64), so failures reproduce.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension Table {
  /// Numeric values of a column, NaN as nil (so arrays compare with ==).
  func numbers(_ name: String) -> [Double?]? {
    guard case .numeric(let column)? = column(named: name)?.values else { return nil }
    return column.values.map { $0.isNaN ? nil : $0 }
  }

  /// Labels of a categorical column row by row, missing as nil.
  func labels(_ name: String) -> [String?]? {
    guard case .categorical(let column)? = column(named: name)?.values else { return nil }
    return column.codes.map { $0 < 0 ? nil : column.categories[Int($0)] }
  }

  /// The kind of a column.
  func kind(_ name: String) -> ColumnKind? { column(named: name)?.kind }
}

/// Reads a file, failing the test on an error.
func readTable(_ path: String, _ options: ReadOptions = .init()) throws -> Table {
  try DataReader.read(path: path, options: options).table
}

/// Reads a file that must fail and returns the error.
func readError(_ path: String, _ options: ReadOptions = .init()) -> DataError? {
  do {
    _ = try DataReader.read(path: path, options: options)
    return nil
  } catch {
    return error
  }
}

/// Options for many small chunks, to exercise chunk boundaries on small files.
func chunked(_ threads: Int, _ base: ReadOptions = .init()) -> ReadOptions {
  var options = base
  options.threads = threads
  options.minimumChunkBytes = 1
  return options
}

/// Whether two tables hold the same columns, comparing numbers bit for bit (NaN equals NaN).
func identical(_ left: Table, _ right: Table) -> Bool {
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
