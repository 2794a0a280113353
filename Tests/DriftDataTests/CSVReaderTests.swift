import DriftStats
import Testing

@testable import DriftData

@Suite struct CSVReaderTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  @Test func plainFile() throws {
    let path = try scratch.write("id,amount,country\n1,2.5,FR\n2,3,DE\n3,-1e3,FR\n", name: "a.csv")
    let result = try DataReader.read(path: path)
    let table = result.table
    #expect(table.rowCount == 3)
    #expect(table.columns.map(\.name) == ["id", "amount", "country"])
    #expect(table.numbers("amount") == [2.5, 3, -1000])
    #expect(table.labels("country") == ["FR", "DE", "FR"])
    guard case .categorical(let country)? = table.column(named: "country")?.values else {
      Issue.record("country is not categorical")
      return
    }
    #expect(country.categories == ["FR", "DE"])
    #expect(country.codes == [0, 1, 0])
    #expect(result.bytes == 44)
  }

  /// RFC 4180: quoted fields with delimiters, doubled quotes, newlines, CRLF, empty quoted.
  @Test(
    arguments: [
      ("a,b\n\"x,y\",1\n", ["x,y"]),
      ("a,b\n\"say \"\"hi\"\"\",1\n", ["say \"hi\""]),
      ("a,b\n\"two\nlines\",1\n", ["two\nlines"]),
      ("a,b\r\n\"crlf\r\ninside\",1\r\n", ["crlf\r\ninside"]),
      ("a,b\r\nplain,1\r\n", ["plain"]),
      ("a,b\n\"\",1\nz,2\n", [nil, "z"]),
      ("a,b\n\"\"\"\",1\n", ["\""]),
      ("a,b\nlast,1", ["last"]),
      ("a,b\n\n\r\nx,1\n\n", ["x"]),
    ] as [(String, [String?])])
  func rfc4180(text: String, expected: [String?]) throws {
    let path = try scratch.write(text, name: "rfc.csv")
    let table = try readTable(path)
    #expect(table.labels("a") == expected)
  }

  @Test func trailingEmptyFieldAtEndOfFile() throws {
    let path = try scratch.write("a,b\n1,", name: "t.csv")
    let table = try readTable(path)
    #expect(table.numbers("a") == [1])
    #expect(table.numbers("b") == [nil])
  }

  @Test func byteOrderMark() throws {
    let path = try scratch.write([0xEF, 0xBB, 0xBF] + Array("x,y\n1,2\n".utf8), name: "bom.csv")
    let table = try readTable(path)
    #expect(table.columns.map(\.name) == ["x", "y"])
    #expect(table.numbers("x") == [1])
  }

  @Test func quotedHeaderNames() throws {
    let path = try scratch.write("\"a,1\",\"b \"\"q\"\"\"\n1,2\n", name: "h.csv")
    #expect(try readTable(path).columns.map(\.name) == ["a,1", "b \"q\""])
  }

  @Test func tabDelimiter() throws {
    let path = try scratch.write("a\tb\n1\tx y\n2\tz\n", name: "t.tsv")
    let table = try readTable(path)
    #expect(table.numbers("a") == [1, 2])
    #expect(table.labels("b") == ["x y", "z"])
    var options = ReadOptions()
    options.delimiter = UInt8(ascii: ";")
    let semicolons = try scratch.write("a;b\n1,5;x\n", name: "s.csv")
    #expect(try readTable(semicolons, options).labels("a") == ["1,5"])
  }

  @Test func missingValueTokens() throws {
    let tokens = ["", "NA", "N/A", "null", "NULL", "NaN", "nan", "None", "\"\"", " NA "]
    let text = "a,b\n" + tokens.map { "\($0),1" }.joined(separator: "\n") + "\n7,1\n"
    let path = try scratch.write(text, name: "m.csv")
    let table = try readTable(path)
    #expect(table.kind("a") == .numeric)
    #expect(table.numbers("a") == Array(repeating: nil, count: tokens.count) + [7])
    let labels = try scratch.write("a\nNA\nx\nnone\n", name: "ml.csv")
    #expect(try readTable(labels).labels("a") == [nil, "x", "none"])
  }

  @Test func columnSelectionSkipsOthers() throws {
    let path = try scratch.write("a,b,c\n1,\"x\ny\",3\n4,\"\",6\n", name: "sel.csv")
    var options = ReadOptions()
    options.columns = ["c", "a"]
    let table = try readTable(path, options)
    #expect(table.columns.map(\.name) == ["a", "c"])
    #expect(table.numbers("c") == [3, 6])
  }

  @Test func formatFromExtensionOrOption() throws {
    let path = try scratch.write("a\n1\n", name: "data.dat")
    #expect(readError(path)?.message.contains("format") == true)
    var options = ReadOptions()
    options.format = .csv
    #expect(try readTable(path, options).numbers("a") == [1])
    #expect(DataFormat.inferred(fromPath: "/x/y.NDJSON") == .jsonl)
    #expect(DataFormat.inferred(fromPath: "/x.d/y") == nil)
  }

  @Test func headerOnlyGivesEmptyTable() throws {
    let path = try scratch.write("a,b\n", name: "h.csv")
    let table = try readTable(path)
    #expect(table.rowCount == 0)
    #expect(table.columns.count == 2)
  }

  @Test func progressReachesTotal() throws {
    let path = try scratch.write("a\n1\n2\n", name: "p.csv")
    let seen = ProgressLog()
    var options = ReadOptions()
    options.progress = { done, total in seen.add(done, total) }
    _ = try readTable(path, options)
    #expect(seen.last?.0 == 6)
    #expect(seen.last?.1 == 6)
  }
}

/// Collects progress reports from worker threads.
final class ProgressLog: @unchecked Sendable {
  private let lock = NSLockish()
  private var values: [(Int64, Int64)] = []

  func add(_ done: Int64, _ total: Int64) {
    lock.run { values.append((done, total)) }
  }

  var last: (Int64, Int64)? { lock.run { values.last } }
}
