import DriftStats

/// Parses the records of one chunk of a CSV file into column builders.
///
/// A chunk starts at the beginning of a record. Fields are scanned eight bytes at a time
/// (`CSVFieldScanner`), and numeric ones by the float parser as it parses; quoted fields
/// may hold delimiters, doubled quotes and newlines. A quote inside an unquoted field, or text
/// after a closing quote, is an error even under the skip policy: record boundaries can no
/// longer be trusted after it.
struct CSVChunkParser {
  /// The file's bytes.
  let file: FileBytes
  /// Error locations.
  let path: String
  /// Field separator.
  let delimiter: UInt8
  /// Header names, for messages.
  let header: [String]
  /// For each field position, the builder it feeds, or -1 to skip the field.
  let plan: [Int]
  /// Declared kind (or nil to infer) per builder.
  let declared: [ColumnKind?]
  /// What to do with bad rows.
  let policy: BadRowPolicy
  /// Record indices to pass over without reading (rows an earlier pass rejected); sorted.
  var skipRecords: [Int] = []
  /// Progress reporting, shared by all chunks.
  let progress: ProgressMeter?

  /// Parses bytes `[start, end)` of the file.
  func parse(start: Int, end: Int, capacity: Int) -> ChunkOutput {
    var output = ChunkOutput(builders: [])
    let fileBase = file.base
    let locator = ChunkLocator(path: path)
    let fieldCount = header.count
    // The builders, their modes, the row's cells and the list of cells to commit live in buffers
    // this function owns (no copy-on-write check on them per field), and the loop's state in plain
    // locals: no closure captures them, so they stay in registers.
    let count = declared.count
    let columns = UnsafeMutableBufferPointer<ColumnBuilder>.allocate(capacity: count)
    let modes = UnsafeMutableBufferPointer<ColumnBuilder.Mode>.allocate(capacity: count)
    let cells = UnsafeMutableBufferPointer<Cell>.allocate(capacity: count)
    // Columns whose cell this row must commit: the fast numeric path stores its value at once,
    // so on full-precision numeric data most rows commit only a few cells.
    let pending = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
    // The plan too: read once a field, without reloading the array or checking its bounds.
    let targets = UnsafeMutableBufferPointer<Int>.allocate(capacity: fieldCount)
    _ = targets.initialize(from: plan)
    for index in 0..<count {
      // count > 0 here, so each buffer has a base address.
      (columns.baseAddress.unsafelyUnwrapped + index).initialize(
        to: ColumnBuilder(declared: declared[index], capacity: capacity))
      (modes.baseAddress.unsafelyUnwrapped + index).initialize(to: columns[index].mode)
      (cells.baseAddress.unsafelyUnwrapped + index).initialize(to: .missing)
    }
    defer {
      columns.deallocate()
      modes.deallocate()
      cells.deallocate()
      pending.deallocate()
      targets.deallocate()
    }
    var pendingCount = 0
    var scratch: [UInt8] = []
    var p = fileBase + start
    let stop = fileBase + end
    var line = 0
    var lineStart = p
    var record = 0
    var nextSkip = 0
    var reported = p
    let quote = UInt8(ascii: "\"")
    let delimiter = self.delimiter
    let scanner = CSVFieldScanner(delimiter: delimiter)

    records: while p < stop {
      if p[0] == 10 || (p[0] == 13 && p + 1 < stop && p[1] == 10) {
        // Blank line: ignored.
        p += p[0] == 10 ? 1 : 2
        line += 1
        lineStart = p
        continue
      }
      if p - reported >= ProgressMeter.step {
        progress?.advance(by: p - reported)
        file.release(from: reported - fileBase, to: p - fileBase)
        reported = p
      }
      let recordLine = line
      let recordLineStart = lineStart
      let skipping = nextSkip < skipRecords.count && skipRecords[nextSkip] == record
      var field = 0
      var badField = -1
      var badStart = p
      var badLine = 0
      var badLineStart = p
      // Only rows with a doubled quote use it; emptying an empty array still costs a
      // uniqueness check.
      if !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
      pendingCount = 0

      fields: while true {
        let fieldStart = p
        let fieldLine = line
        let fieldLineStart = lineStart
        var contentStart = p
        var contentEnd = p
        var doubled = false
        let target = !skipping && field < fieldCount && badField < 0 ? targets[field] : -1
        var parsed = false
        if target >= 0 && modes[target].state == .numeric,
          let (value, end) = DecimalParser.parsePrefix(p, stop),
          end == stop || end[0] == delimiter || end[0] == 10
            || (end[0] == 13 && end + 1 < stop && end[1] == 10)
        {
          // Fast path for a column that is numeric so far: parse while scanning.
          // Stored at once; a row rejected later takes it back (see rollBack).
          columns[target].doubles.append(value)
          p = end
          parsed = true
        } else if p < stop && p[0] == quote {
          p += 1
          contentStart = p
          while true {
            p = CSVFieldScanner.quoteOrNewline(p, stop)
            guard p < stop else {
              output.failure = locator.error(
                at: fieldStart, line: fieldLine, lineStart: fieldLineStart,
                "quoted field is never closed",
                hint:
                  "add the closing double quote; a quote inside a quoted field is written \"\""
              )
              break records
            }
            if p[0] == quote {
              if p + 1 < stop && p[1] == quote {
                doubled = true
                p += 2
                continue
              }
              contentEnd = p
              p += 1
              break
            }
            // A line feed inside the field.
            line += 1
            p += 1
            lineStart = p
          }
          if p < stop && p[0] != delimiter && p[0] != 10
            && !(p[0] == 13 && p + 1 < stop && p[1] == 10)
          {
            output.failure = locator.error(
              at: p, line: line, lineStart: lineStart,
              "unexpected character after the closing quote of field \(field + 1)",
              hint: "quote the whole field and write a quote inside it as \"\"")
            break records
          }
        } else {
          p = scanner.unquotedEnd(p, stop)
          if p < stop && p[0] == quote {
            output.failure = locator.error(
              at: p, line: line, lineStart: lineStart,
              "double quote inside an unquoted field \(field + 1)",
              hint: "enclose the field in double quotes and write the quote as \"\"")
            break records
          }
          contentEnd = p
        }
        if !parsed && target >= 0 {
          do {
            var cell: Cell?
            if doubled {
              let offset = scratch.count
              var cursor = contentStart
              while cursor < contentEnd {
                scratch.append(cursor[0])
                cursor += cursor[0] == quote ? 2 : 1
              }
              cell = scratch.withUnsafeBufferPointer { buffer in
                // Non-empty: a doubled quote appended at least one byte.
                modes[target].prepare(
                  buffer.baseAddress.unsafelyUnwrapped + offset, buffer.count - offset,
                  token: .text, offset: offset, inScratch: true)
              }
            } else {
              cell = modes[target].prepare(
                contentStart, contentEnd - contentStart, token: .text,
                offset: contentStart - fileBase, inScratch: false)
            }
            if let cell {
              cells[target] = cell
              pending[pendingCount] = target
              pendingCount += 1
            } else {
              badField = field
              badStart = fieldStart
              badLine = fieldLine
              badLineStart = fieldLineStart
            }
          }
        }
        field += 1
        if p >= stop { break fields }
        if p[0] == delimiter {
          p += 1
          if p >= stop {
            // A delimiter just before the end of the file leaves one more, empty field.
            if !skipping && field < fieldCount && targets[field] >= 0 && badField < 0 {
              cells[targets[field]] = .missing
              pending[pendingCount] = targets[field]
              pendingCount += 1
            }
            field += 1
            break fields
          }
          continue fields
        }
        p += p[0] == 13 ? 2 : 1
        line += 1
        lineStart = p
        break fields
      }

      defer { record += 1 }
      if skipping {
        nextSkip += 1
        continue records
      }
      if field != fieldCount {
        let message =
          field > fieldCount
          ? "record has \(field) fields, the header has \(fieldCount)"
          : "record has \(field) fields, the header has \(fieldCount) (\(fieldCount - field) missing)"
        let error = locator.error(
          at: recordLineStart, line: recordLine, lineStart: recordLineStart, message,
          hint: "check for an unquoted delimiter or a missing field; or use --on-bad-row skip"
        )
        Self.rollBack(columns, rows: output.rows)
        if !output.reject(error, record: record, policy: policy) { break records }
        continue records
      }
      if badField >= 0 {
        let error = badValueError(
          field: badField, at: badStart, line: badLine, lineStart: badLineStart,
          locator: locator)
        Self.rollBack(columns, rows: output.rows)
        if !output.reject(error, record: record, policy: policy) { break records }
        continue records
      }
      let pendingNow = pendingCount  // a let: the closure below captures no loop variable
      scratch.withUnsafeBufferPointer { buffer in
        // Every column's cell was set this row (the field count matched): the fast numeric
        // path's values are stored, the others are pending, each column once.
        for slot in 0..<pendingNow {
          let index = pending[slot]
          if columns[index].commit(cells[index], file: fileBase, scratch: buffer.baseAddress) {
            modes[index] = columns[index].mode
          }
        }
      }
      output.rows += 1
    }
    progress?.advance(by: p - reported)
    // The array takes its own references; deinitializing the buffer's leaves each column unique.
    output.builders = Array(columns)
    columns.deinitialize()
    output.lines = line
    return output
  }

  /// Removes the values the fast numeric path stored for a row that is then rejected.
  private static func rollBack(_ columns: UnsafeMutableBufferPointer<ColumnBuilder>, rows: Int) {
    for index in columns.indices
    where columns[index].state == .numeric && columns[index].doubles.count > rows {
      columns[index].doubles.removeLast()
    }
  }

  /// Describes a field that does not fit its column.
  private func badValueError(
    field: Int, at start: UnsafePointer<UInt8>, line: Int, lineStart: UnsafePointer<UInt8>,
    locator: ChunkLocator
  ) -> DataError {
    let name = header[field]
    let kind = declared[plan[field]]
    let shown = FieldPreview.text(start, stop: file.base + file.count, delimiter: delimiter)
    if let kind, kind != .categorical {
      return locator.error(
        at: start, line: line, lineStart: lineStart,
        "column \"\(name)\" (field \(field + 1)) is declared \(kind.rawValue) but holds \(shown)",
        hint: "fix the data, change the column's type, or use --on-bad-row skip")
    }
    return locator.error(
      at: start, line: line, lineStart: lineStart,
      "column \"\(name)\" (field \(field + 1)) holds text that is not valid UTF-8",
      hint: "convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8), or use --on-bad-row skip")
  }
}
