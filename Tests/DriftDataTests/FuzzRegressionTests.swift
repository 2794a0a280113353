import DriftStats
import Foundation
import Testing

@testable import DriftData

/// Inputs the libFuzzer targets `FuzzCSV` and `FuzzJSONL` found (CONTRIBUTING.md, "Fuzzing"); the files
/// are in `Fuzz/corpus/`.
@Suite struct ReaderFuzzRegressionTests {
  /// The committed corpus file `name` of `target`, without its leading options byte, and the
  /// options that byte selects (as in `Sources/Fuzz/FuzzCSV/FuzzCSV.swift`).
  static func corpus(_ target: String, _ name: String) throws -> ([UInt8], ReadOptions) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let data = try Data(contentsOf: root.appendingPathComponent("Fuzz/corpus/\(target)/\(name)"))
    let selector = data.first ?? 0
    var options = ReadOptions(onBadRow: selector & 4 != 0 ? .skip : .fail)
    if selector & 16 != 0 { options.columns = ["a", "b", "x"] }
    if selector & 32 != 0 { options.kinds = ["a": .numeric, "b": .categorical, "t": .timestamp] }
    return (Array(data.dropFirst()), options)
  }

  /// A key that is not valid UTF-8 followed by a new key crashed the JSON Lines reader with an
  /// index out of range (the bad key was interned but given no column).
  @Test func jsonKeyNotUTF8ThenANewKey() throws {
    let text: [UInt8] = Array("{\"a\": 1}\n{\"".utf8) + [0xFF] + Array("\": 2}\n{\"b\": 3}\n".utf8)
    let result = try DataReader.read(
      bytes: text, name: "k.jsonl", format: .jsonl, options: ReadOptions(onBadRow: .skip))
    #expect(result.table.rowCount == 2)
    #expect(result.rejected.first?.message.contains("key is not valid UTF-8") == true)
    #expect(result.table.numbers("b") == [nil, 3])
    let failing = #expect(throws: DataError.self) {
      try DataReader.read(bytes: text, name: "k.jsonl", format: .jsonl)
    }
    #expect(failing?.line == 2)

    let (bytes, options) = try Self.corpus("jsonl", "invalid-utf8-key-then-new-key")
    for threads in [1, 2] {
      var chunked = options
      chunked.threads = threads
      chunked.minimumChunkBytes = 15
      // A clean result or a clean error; before the fix, a trap.
      _ = try? DataReader.read(bytes: bytes, name: "fuzz", format: .jsonl, options: chunked)
    }
  }
}
