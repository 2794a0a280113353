import DriftStats
import Foundation
import Testing

@testable import DriftData

/// FuzzJSONL found a JSON Lines file whose `ts` column held timestamp strings and one JSON
/// number: read on one thread the number became a time (the column a timestamp), read in chunks
/// the chunks disagreed and the column became categorical. The input is
/// `Fuzz/corpus/jsonl/chunked-differs`.
@Suite struct ChunkedJSONLRegressionTests {
  @Test func aNumberInAnInferredTimestampColumnIsAConflictInAnyOrderAndSplit() throws {
    let (bytes, options) = try ReaderFuzzRegressionTests.corpus("jsonl", "chunked-differs")
    var single = options
    single.threads = 1
    var split = options
    split.threads = 2
    split.minimumChunkBytes = 8
    let a = try DataReader.read(bytes: bytes, name: "fuzz", format: .jsonl, options: single)
    let b = try DataReader.read(bytes: bytes, name: "fuzz", format: .jsonl, options: split)
    #expect(a.table.columns.map(\.kind) == b.table.columns.map(\.kind))
    #expect(a.table.columns.first { $0.name == "ts" }?.kind == .categorical)

    for text in [
      "{\"ts\": \"2026-01-01T00:00:00Z\"}\n{\"ts\": 3}\n",
      "{\"ts\": 3}\n{\"ts\": \"2026-01-01T00:00:00Z\"}\n",
    ] {
      let result = try DataReader.read(bytes: Array(text.utf8), name: "t.jsonl", format: .jsonl)
      #expect(result.table.columns.first?.kind == .categorical, "\(text)")
    }
    // Declared a timestamp, a JSON number is epoch seconds.
    let declared = try DataReader.read(
      bytes: Array("{\"ts\": \"2026-01-01T00:00:00Z\"}\n{\"ts\": 3}\n".utf8), name: "t.jsonl",
      format: .jsonl, options: ReadOptions(kinds: ["ts": .timestamp]))
    #expect(declared.table.columns.first?.kind == .timestamp)
    #expect(declared.table.numbers("ts") == [1_767_225_600, 3])
  }
}
