import DriftStats
import Testing

@testable import DriftData

@Suite struct MalformedInputTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  /// Each malformed CSV reports the exact line and (character) column, at any thread count.
  @Test(
    arguments: [
      ("a,b\n1,2\n3\n", 3, 1, "record has 1 fields, the header has 2"),
      ("a,b\n1,2,3\n", 2, 1, "record has 3 fields"),
      ("a,b\n1,\"x\n2,3\n", 2, 3, "quoted field is never closed"),
      ("a,b\n1,x\"y\n", 2, 4, "double quote inside an unquoted field"),
      ("a,b\n1,\"x\"y\n", 2, 6, "unexpected character after the closing quote"),
      ("a,b\n\"x\ny\",z\"\n", 3, 5, "double quote inside an unquoted field"),
      ("a,b,a\n1,2,3\n", 1, 5, "column name \"a\" appears twice"),
      ("a,,b\n1,2,3\n", 1, 3, "header name 2 is empty"),
      ("\"a,b\n", 1, 1, "quoted header name is never closed"),
    ] as [(String, Int, Int, String)])
  func csvStructure(text: String, line: Int, column: Int, message: String) throws {
    let path = try scratch.write(text, name: "bad.csv")
    for threads in [1, 3] {
      let error = try #require(readError(path, chunked(threads)))
      #expect(error.line == line)
      #expect(error.column == column)
      #expect(error.message.contains(message), "\(error)")
      #expect(error.description.hasPrefix("\(path):\(line):\(column): "))
    }
  }

  @Test func invalidUTF8InCategoricalField() throws {
    let path = try scratch.write(
      Array("a,b\n1,ok\n1,\"x".utf8) + [0xFF] + Array("\"\n".utf8), name: "u.csv")
    let error = try #require(readError(path))
    #expect((error.line, error.column) == (3, 3))
    #expect(error.message.contains("\"b\"") && error.message.contains("UTF-8"))
  }

  @Test func declaredKindMismatchNamesColumnValueAndRemedy() throws {
    let path = try scratch.write("name,age\nAnn,31\nBéa,x1\n", name: "k.csv")
    var options = ReadOptions()
    options.kinds = ["age": .numeric]
    let error = try #require(readError(path, options))
    #expect((error.line, error.column) == (3, 5))
    #expect(error.message == "column \"age\" (field 2) is declared numeric but holds \"x1\"")
    #expect(error.hint?.contains("--on-bad-row skip") == true)
    #expect(error.description.contains(":3:5: column \"age\""))
  }

  @Test func missingRequestedColumnSuggestsNearest() throws {
    let path = try scratch.write("amount,country\n1,FR\n", name: "c.csv")
    var options = ReadOptions()
    options.columns = ["ammount"]
    let error = try #require(readError(path, options))
    #expect((error.line, error.column) == (1, 1))
    #expect(error.message.contains("\"ammount\" is not in the file"))
    #expect(error.message.contains("columns present: amount, country"))
    #expect(error.hint == "did you mean \"amount\"?")
  }

  @Test func emptyAndMissingFiles() throws {
    let empty = try scratch.write("", name: "e.csv")
    let emptyError = try #require(readError(empty))
    #expect(emptyError.message.contains("empty"))
    #expect(
      emptyError.description == "\(empty): the file is empty\n  hint: \(emptyError.hint ?? "")")
    let blank = try scratch.write("\n\n", name: "b.csv")
    #expect(readError(blank)?.message.contains("empty") == true)
    let gone = scratch.directory.appendingPathComponent("nope.csv").path
    #expect(readError(gone)?.message.contains("cannot open the file") == true)
    #expect(readError(scratch.directory.path + "/")?.message != nil)
  }

  @Test(
    arguments: [
      ("{\"a\":1}\n{\"a\":[1]}\n", 2, 6, "nested array"),
      ("{\"a\":1}\n{\"a\": {\"b\":1}}\n", 2, 7, "nested object"),
      ("{\"a\":1,}\n", 1, 8, "expected a key"),
      ("[1]\n", 1, 1, "expected a JSON object"),
      ("{\"a\":\"x}\n", 1, 6, "string is not closed"),
      ("{\"a\":1} x\n", 1, 9, "text after the end of the object"),
      ("{\"a\":\"\\udc00\"}\n", 1, 7, "lone low surrogate"),
      ("{\"a\":\"\\ud800x\"}\n", 1, 7, "without its low half"),
      ("{\"a\":01}\n", 1, 7, "expected ',' or '}'"),
      ("{\"a\":1.}\n", 1, 6, "digits must follow"),
      ("{\"a\":tru}\n", 1, 6, "expected a JSON value"),
      ("{\"a\":1,\"a\":2}\n", 1, 8, "key appears twice"),
      ("{\"é\":1, \"b\":[]}\n", 1, 13, "nested array"),
      ("{\"a\":\"\\q\"}\n", 1, 7, "unknown escape"),
    ] as [(String, Int, Int, String)])
  func jsonLines(text: String, line: Int, column: Int, message: String) throws {
    let path = try scratch.write(text, name: "bad.jsonl")
    let error = try #require(readError(path, chunked(2)))
    #expect((error.line, error.column) == (line, column), "\(error)")
    #expect(error.message.contains(message), "\(error)")
  }

  @Test func jsonDeclaredKindMismatch() throws {
    let path = try scratch.write("{\"a\":1}\n{\"a\":\"x\"}\n", name: "k.jsonl")
    var options = ReadOptions()
    options.kinds = ["a": .numeric]
    let error = try #require(readError(path, options))
    #expect((error.line, error.column) == (2, 6))
    #expect(error.message == "key \"a\" is declared numeric but holds \"x\"")
  }

  @Test func skipPolicyDropsWholeRowsAndKeepsExamples() throws {
    var lines = ["a,b"]
    for row in 0..<40 {
      switch row % 10 {
      case 3: lines.append("\(row)")  // wrong field count
      case 7: lines.append("\(row),bad")  // not numeric
      default: lines.append("\(row),\(row * 2)")
      }
    }
    let path = try scratch.write(lines.joined(separator: "\n") + "\n", name: "s.csv")
    for threads in [1, 4] {
      var options = chunked(threads)
      options.kinds = ["b": .numeric]
      options.onBadRow = .skip
      let result = try DataReader.read(path: path, options: options)
      #expect(result.table.rowCount == 32)
      #expect(result.table.rejectedRows == 8)
      #expect(result.rejected.count == 8)
      #expect(result.rejected.map(\.line) == [5, 9, 15, 19, 25, 29, 35, 39])
      #expect(result.table.numbers("a")?.contains(3) == false)
      #expect(result.table.numbers("b")?.count == 32)
    }
  }

  @Test func skippedRowsStayOutOfRetypedColumns() throws {
    var lines = ["n,b"]
    for row in 0..<300 { lines.append(row == 150 ? "\(row),x" : "\(row),1") }
    lines.append("text,1")
    let path = try scratch.write(lines.joined(separator: "\n") + "\n", name: "r.csv")
    for threads in [1, 4] {
      var options = chunked(threads)
      options.kinds = ["b": .numeric]
      options.onBadRow = .skip
      let table = try readTable(path, options)
      #expect(table.rowCount == 300)
      #expect(table.kind("n") == .categorical)
      #expect(table.labels("n")?.contains("150") == false)
      #expect(table.labels("n")?.last == "text")
    }
  }

  @Test func skipPolicyCapsExamplesAndSkipsBadJSON() throws {
    let text = (0..<50).map { $0 % 2 == 0 ? "{\"a\":\($0)}" : "{\"a\":[\($0)]}" }
    let path = try scratch.write(text.joined(separator: "\n"), name: "s.jsonl")
    var options = chunked(3)
    options.onBadRow = .skip
    let result = try DataReader.read(path: path, options: options)
    #expect(result.table.rowCount == 25)
    #expect(result.table.rejectedRows == 25)
    #expect(result.rejected.count == ReadResult.maximumExamples)
    #expect(result.rejected.first?.line == 2)
  }
}
