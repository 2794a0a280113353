import DriftStats
import Foundation
import Testing

@testable import DriftData

/// The word-at-a-time field scan against the byte loop it replaced, and the reader on fields
/// that end at every offset of an eight-byte word.
@Suite struct CSVFieldScannerTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  /// The byte loop the chunk parser used before the scanner.
  private func referenceUnquotedEnd(_ bytes: [UInt8], from start: Int, delimiter: UInt8) -> Int {
    var p = start
    while p < bytes.count {
      let byte = bytes[p]
      if byte == delimiter || byte == 10 || byte == UInt8(ascii: "\"") { break }
      if byte == 13 && p + 1 < bytes.count && bytes[p + 1] == 10 { break }
      p += 1
    }
    return p
  }

  private func referenceQuoteOrNewline(_ bytes: [UInt8], from start: Int) -> Int {
    var p = start
    while p < bytes.count && bytes[p] != UInt8(ascii: "\"") && bytes[p] != 10 { p += 1 }
    return p
  }

  /// Random bytes rich in the bytes that end fields, every start offset, in a buffer of exactly
  /// the bytes' size (so a word read past its end would be read past the allocation).
  @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"), 13, 0x80])
  func scanMatchesByteLoop(delimiter: UInt8) {
    var random = SeededRandom(seed: UInt64(delimiter))
    let alphabet: [UInt8] = [
      UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"), 10, 13, UInt8(ascii: "\""),
      UInt8(ascii: "a"), UInt8(ascii: "7"), 0x80, 0xFF, 0x00, 0x0B, 0x0C, 0x0E, 0x21, 0x23,
    ]
    let scanner = CSVFieldScanner(delimiter: delimiter)
    for trial in 0..<3000 {
      let length = Int(random.next() % 40)
      // Most trials use few special bytes, so runs longer than a word occur.
      let plainShare = trial % 2 == 0 ? 6 : 1
      let bytes = (0..<length).map { _ -> UInt8 in
        if random.next() % UInt64(plainShare + 1) != 0 { return UInt8(ascii: "b") }
        return alphabet[Int(random.next() % UInt64(alphabet.count))]
      }
      let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(length, 1))
      defer { buffer.deallocate() }
      buffer.initialize(from: bytes, count: length)
      let stop = UnsafePointer(buffer) + length
      for start in 0...length {
        let from = UnsafePointer(buffer) + start
        let unquoted = scanner.unquotedEnd(from, stop) - UnsafePointer(buffer)
        #expect(
          unquoted == referenceUnquotedEnd(bytes, from: start, delimiter: delimiter),
          "\(bytes) from \(start)")
        let quoted = CSVFieldScanner.quoteOrNewline(from, stop) - UnsafePointer(buffer)
        #expect(quoted == referenceQuoteOrNewline(bytes, from: start), "\(bytes) from \(start)")
      }
    }
  }

  private func needsQuotes(_ text: String) -> Bool {
    text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" }
  }

  /// Text fields of every length from 0 to 24 (quoted or not, with lone carriage returns,
  /// doubled quotes and line feeds inside quotes) read back as written, with LF and CRLF line
  /// ends, with and without a final line end, on one thread and on several.
  @Test(arguments: [(false, true), (true, true), (false, false), (true, false)])
  func fieldsOfEveryLengthReadBack(crlf: Bool, finalNewline: Bool) throws {
    var random = SeededRandom(seed: crlf ? 11 : 12)
    let plain: [Character] = ["x", "y", "z", "7", "é", " ", "\r"]
    let special: [Character] = [",", "\"", "\n", "\r\n"]
    var rows: [[String?]] = []
    for index in 0..<600 {
      var row: [String?] = []
      for column in 0..<3 {
        let length = (index + column * 7) % 25
        var text = ""
        let quoted = random.next() % 3 == 0
        for _ in 0..<length {
          let pool = quoted && random.next() % 4 == 0 ? special : plain
          text.append(pool[Int(random.next() % UInt64(pool.count))])
        }
        // A lone carriage return is text, but unquoted not before the line end it would join.
        while !needsQuotes(text) && text.hasSuffix("\r") { text.removeLast() }
        // Spaces alone would be read as a missing value.
        if !text.isEmpty && text.allSatisfy({ $0 == " " }) { text = "w" + text }
        row.append(text)
      }
      rows.append(row)
    }
    let end = crlf ? "\r\n" : "\n"
    var file = "a,b,c" + end
    for (index, row) in rows.enumerated() {
      let fields = row.map { value -> String in
        let text = value ?? ""
        guard needsQuotes(text) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      }
      file += fields.joined(separator: ",")
      if index < rows.count - 1 || finalNewline { file += end }
    }
    let path = try scratch.write(file, name: "edges.csv")
    for threads in [1, 3] {
      var options = ReadOptions()
      options.kinds = ["a": .categorical, "b": .categorical, "c": .categorical]
      options.threads = threads
      options.minimumChunkBytes = 1
      let table = try readTable(path, options)
      #expect(table.rowCount == rows.count)
      for (column, name) in ["a", "b", "c"].enumerated() {
        let expected = rows.map { row -> String? in
          guard let text = row[column], !text.isEmpty else { return nil }
          return text
        }
        let labels = try #require(table.labels(name))
        #expect(labels.count == expected.count)
        if let row = labels.indices.first(where: { labels[$0] != expected[$0] }) {
          let found = String(reflecting: labels[row])
          let wanted = String(reflecting: expected[row])
          Issue.record("column \(name), \(threads) threads, row \(row): \(found), not \(wanted)")
        }
      }
    }
  }

  /// Numbers ending at every offset of a word, with leading zeros, 19 and more digits and
  /// exponents, as the last field with and without a final line end: the same bits as `strtod`.
  @Test(arguments: [true, false])
  func numbersAtWordEdgesMatchStrtod(finalNewline: Bool) throws {
    var random = SeededRandom(seed: finalNewline ? 21 : 22)
    var texts: [String] = []
    for digits in 1...26 {
      for point in 0...(digits + 1) {
        var text = random.next() % 4 == 0 ? "-" : ""
        let zeros = Int(random.next() % 4)
        for index in 0..<digits {
          if index == point { text += "." }
          text += index < zeros ? "0" : String(random.next() % 10)
        }
        switch random.next() % 4 {
        case 0: text += "e\(Int(random.next() % 40) - 20)"
        case 1: text += "E+\(random.next() % 300)"
        default: break
        }
        texts.append(text)
      }
    }
    // The value is the last field, after a text field whose length moves where it starts.
    var file = "pad,value\n"
    for (index, text) in texts.enumerated() {
      file += String(repeating: "p", count: index % 9) + "," + text
      if index < texts.count - 1 || finalNewline { file += "\n" }
    }
    let path = try scratch.write(file, name: "numbers.csv")
    var options = ReadOptions()
    options.kinds = ["pad": .categorical]
    let table = try readTable(path, options)
    let values = try #require(table.numbers("value"))
    #expect(values.count == texts.count)
    for (value, text) in zip(values, texts) {
      #expect(value?.bitPattern == strtod(text, nil).bitPattern, "\(text)")
    }
  }
}
