/// The header row of a CSV file: column names and where the data begins.
struct CSVHeader {
  /// Column names in file order.
  var names: [String]
  /// Byte offset of the first data record.
  var dataStart: Int
  /// Line number (1-based) of the first data record.
  var dataLine: Int

  /// Reads the header from the start of the file, after an optional UTF-8 byte order mark.
  init(file: FileBytes, path: String, delimiter: UInt8) throws(DataError) {
    let base = file.base
    let stop = base + file.count
    var p = base
    if file.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { p += 3 }
    let locator = ChunkLocator(path: path)
    var line = 1
    // Blank lines before the header are ignored, like blank lines anywhere else.
    var recordStart = p
    while p < stop && (p[0] == 10 || p[0] == 13) {
      if p[0] == 10 {
        line += 1
        recordStart = p + 1
      }
      p += 1
    }
    guard p < stop else {
      throw DataError(
        file: path, line: 0, column: 0, message: "the file is empty; a header row is required",
        hint: "the first line must name the columns, e.g. id,amount,country")
    }
    var names: [String] = []
    var starts: [(at: UnsafePointer<UInt8>, line: Int, lineStart: UnsafePointer<UInt8>)] = []
    var currentLineStart = recordStart
    let quote = UInt8(ascii: "\"")
    while true {
      let fieldStart = p
      let fieldLine = line
      let fieldLineStart = currentLineStart
      var bytes: [UInt8] = []
      if p < stop && p[0] == quote {
        p += 1
        while true {
          guard p < stop else {
            throw locator.error(
              at: fieldStart, line: fieldLine, lineStart: fieldLineStart,
              "quoted header name is never closed", hint: "add the closing double quote")
          }
          if p[0] == quote {
            if p + 1 < stop && p[1] == quote {
              bytes.append(quote)
              p += 2
              continue
            }
            p += 1
            break
          }
          if p[0] == 10 {
            line += 1
            currentLineStart = p + 1
          }
          bytes.append(p[0])
          p += 1
        }
      } else {
        while p < stop && p[0] != delimiter && p[0] != 10 && p[0] != quote
          && !(p[0] == 13 && p + 1 < stop && p[1] == 10)
        {
          bytes.append(p[0])
          p += 1
        }
      }
      if p < stop && p[0] != delimiter && p[0] != 10 && !(p[0] == 13 && p + 1 < stop && p[1] == 10)
      {
        throw locator.error(
          at: p, line: line, lineStart: currentLineStart,
          "unexpected double quote in header name \(names.count + 1)",
          hint: "enclose the name in double quotes and write a quote inside it as \"\"")
      }
      let valid = bytes.withUnsafeBufferPointer { buffer in
        buffer.isEmpty || FieldText.isValidUTF8(buffer.baseAddress.unsafelyUnwrapped, buffer.count)
      }
      guard valid else {
        throw locator.error(
          at: fieldStart, line: line, lineStart: currentLineStart,
          "header name \(names.count + 1) is not valid UTF-8",
          hint: "convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)")
      }
      names.append(String(decoding: bytes, as: UTF8.self))
      starts.append((fieldStart, fieldLine, fieldLineStart))
      if p < stop && p[0] == delimiter {
        p += 1
        continue
      }
      if p < stop { p += p[0] == 13 ? 2 : 1 }
      break
    }
    for (index, name) in names.enumerated() {
      if name.isEmpty {
        throw locator.error(
          at: starts[index].at, line: starts[index].line, lineStart: starts[index].lineStart,
          "header name \(index + 1) is empty", hint: "give every column a name")
      }
      if let first = names[..<index].firstIndex(of: name) {
        throw locator.error(
          at: starts[index].at, line: starts[index].line, lineStart: starts[index].lineStart,
          "column name \"\(name)\" appears twice (fields \(first + 1) and \(index + 1))",
          hint: "rename one of the columns")
      }
    }
    self.names = names
    dataStart = p - base
    dataLine = line + 1
  }
}
