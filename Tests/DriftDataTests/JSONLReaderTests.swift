import DriftStats
import Testing

@testable import DriftData

@Suite struct JSONLReaderTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  @Test func valuesKeysAndMissing() throws {
    let text = """
      {"id": 1, "amount": 2.5, "ok": true, "country": "FR"}
      {"id": 2, "amount": null, "ok": false}

      {"id": 3, "amount": -1e3, "ok": true, "country": "DE", "late": "x"}
      """
    let path = try scratch.write(text, name: "a.jsonl")
    let table = try readTable(path)
    #expect(table.columns.map(\.name) == ["id", "amount", "ok", "country", "late"])
    #expect(table.rowCount == 3)
    #expect(table.numbers("amount") == [2.5, nil, -1000])
    #expect(table.kind("ok") == .boolean)
    #expect(table.labels("ok") == ["true", "false", "true"])
    #expect(table.labels("country") == ["FR", nil, "DE"])
    #expect(table.labels("late") == [nil, nil, "x"])
  }

  @Test(
    arguments: [
      (#"{"s": "a\"b"}"#, "a\"b"),
      (#"{"s": "back\\slash\/"}"#, "back\\slash/"),
      (#"{"s": "\b\f\n\r\t"}"#, "\u{8}\u{c}\n\r\t"),
      (#"{"s": "\u00e9\u20AC"}"#, "é€"),
      (#"{"s": "\ud83d\ude00!"}"#, "😀!"),
      (#"{"s": "raw é"}"#, "raw é"),
      (#"{"\u0073": "escaped key"}"#, "escaped key"),
    ] as [(String, String)])
  func stringEscapes(line: String, expected: String) throws {
    let path = try scratch.write(line + "\n{\"s\": \"other\"}\n", name: "e.jsonl")
    #expect(try readTable(path).labels("s") == [expected, "other"])
  }

  @Test func stringsAreInferredLikeCSVFields() throws {
    let path = try scratch.write(
      "{\"n\":\"1.5\",\"t\":\"2024-05-01\",\"m\":\"NA\"}\n{\"n\":2,\"t\":\"2024-05-02T00:00:00Z\",\"m\":3}\n",
      name: "s.jsonl")
    let table = try readTable(path)
    #expect(table.numbers("n") == [1.5, 2])
    #expect(table.kind("t") == .timestamp)
    #expect(table.numbers("m") == [nil, 3])
  }

  @Test func mixedNumbersAndBooleansBecomeCategoricalWithRawText() throws {
    let path = try scratch.write("{\"v\":1.50}\n{\"v\":true}\n{\"v\":\"x\"}\n", name: "m.jsonl")
    #expect(try readTable(path, chunked(3)).labels("v") == ["1.50", "true", "x"])
  }

  @Test func columnSelectionAndDeclaredKinds() throws {
    let path = try scratch.write(
      "{\"a\":1,\"b\":{\"nested\":1},\"c\":\"x\"}\n{\"a\":2,\"c\":\"y\"}\n", name: "c.jsonl")
    var options = ReadOptions()
    options.columns = ["a"]
    // Values of unselected keys are still checked: a nested object is a bad row.
    #expect(readError(path, options)?.message.contains("nested object") == true)
    let plain = try scratch.write("{\"a\":1,\"c\":\"x\"}\n{\"a\":2,\"c\":\"y\"}\n", name: "p.jsonl")
    options.kinds = ["a": .categorical]
    let table = try readTable(plain, options)
    #expect(table.columns.map(\.name) == ["a"])
    #expect(table.labels("a") == ["1", "2"])
    options.columns = ["zz"]
    let error = try #require(readError(plain, options))
    #expect(error.message.contains("\"zz\" is not in the file; columns present: a, c"))
  }

  @Test func keysAppearingInLaterChunks() throws {
    var lines: [String] = []
    for row in 0..<200 {
      lines.append(row < 150 ? "{\"a\":\(row)}" : "{\"b\":\"k\(row % 3)\",\"a\":\(row)}")
    }
    let path = try scratch.write(lines.joined(separator: "\n") + "\n", name: "k.jsonl")
    let one = try readTable(path, chunked(1))
    let four = try readTable(path, chunked(4))
    #expect(identical(one, four))
    #expect(one.labels("b")?.prefix(150).allSatisfy { $0 == nil } == true)
    #expect(one.labels("b")?[150] == "k0")
  }

  @Test func byteOrderMarkAndCRLF() throws {
    let path = try scratch.write(
      [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\r\n{\"a\":2}\r\n".utf8), name: "b.jsonl")
    #expect(try readTable(path).numbers("a") == [1, 2])
  }

  /// Text late in the file re-types a column read as numbers in earlier chunks; declared kinds
  /// apply to keys that first appear mid-chunk.
  @Test(arguments: [1, 4])
  func lateTextAndLateDeclaredKeys(threads: Int) throws {
    var lines: [String] = []
    for row in 0..<400 {
      lines.append(row < 390 ? "{\"n\": \(row)}" : "{\"n\": \"v\(row)\", \"d\": \"\(row)\"}")
    }
    let path = try scratch.write(lines.joined(separator: "\n"), name: "late.jsonl")
    var options = chunked(threads)
    options.kinds = ["d": .numeric]
    let table = try readTable(path, options)
    #expect(table.kind("n") == .categorical)
    #expect(table.labels("n")?.first == "0")
    #expect(table.labels("n")?.last == "v399")
    #expect(table.numbers("d")?.compactMap { $0 } == (390..<400).map(Double.init))
    #expect(table.numbers("d")?.count == 400)
  }
}
