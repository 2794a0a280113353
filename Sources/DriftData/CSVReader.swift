import DriftStats

/// Reads a CSV file: header, chunks parsed in parallel, re-typed columns parsed again, columns
/// joined.
enum CSVReader {
  static func read(file: FileBytes, path: String, options: ReadOptions, progress: ProgressMeter?)
    throws(DataError) -> (Table, [DataError])
  {
    var delimiter = options.delimiter
    if delimiter == UInt8(ascii: ","), DataFormat.fileExtension(of: path) == "tsv" {
      delimiter = UInt8(ascii: "\t")
    }
    let header = try CSVHeader(file: file, path: path, delimiter: delimiter)
    let requested = Set(options.kinds.keys).union(options.columns ?? [])
    let missing = requested.subtracting(header.names).sorted()
    if !missing.isEmpty {
      throw NameSuggestion.missingColumns(
        missing, present: header.names, file: path, line: 1, column: 1)
    }
    var plan = [Int](repeating: -1, count: header.names.count)
    var names: [String] = []
    var declared: [ColumnKind?] = []
    for (index, name) in header.names.enumerated() where options.columns?.contains(name) ?? true {
      plan[index] = names.count
      names.append(name)
      declared.append(options.kinds[name])
    }
    let chunks = ChunkSplitter.chunkCount(
      bytes: file.count - header.dataStart, threads: options.threads,
      minimumChunkBytes: options.minimumChunkBytes)
    let bounds = ChunkSplitter.boundaries(
      file: file, start: header.dataStart, end: file.count, chunks: chunks, quotes: true)
    // The first chunk reserves room for the whole file: its buffers become the columns.
    let estimate = estimateRows(file: file, start: header.dataStart, end: file.count)
    @Sendable func capacity(_ chunk: Int) -> Int { chunk == 0 ? estimate : estimate / chunks + 16 }
    let parser = CSVChunkParser(
      file: file, path: path, delimiter: delimiter, header: header.names, plan: plan,
      declared: declared, policy: options.onBadRow, progress: progress)
    var outputs = Parallel.map(count: chunks) { index in
      parser.parse(start: bounds[index], end: bounds[index + 1], capacity: capacity(index))
    }
    let bases = ChunkReport.lineBases(outputs, firstLine: header.dataLine)
    if let failure = ChunkReport.firstFailure(outputs, bases: bases) { throw failure }

    // Columns whose chunks disagree become categorical; parse those chunks again for them.
    let finals = names.indices.map { column in
      ColumnAssembler.finalState(outputs.map { $0.builders[column].state })
    }
    let redo = outputs.indices.map { chunk in
      names.indices.filter { column in
        ColumnAssembler.needsReparse(outputs[chunk].builders[column].state, final: finals[column])
      }
    }
    if redo.contains(where: { !$0.isEmpty }) {
      let rejected = outputs.map(\.rejectedRecords)
      let redone = Parallel.map(count: chunks) { chunk -> ChunkOutput? in
        guard !redo[chunk].isEmpty else { return nil }
        let again = parser.retyping(columns: redo[chunk], skipping: rejected[chunk])
        return again.parse(start: bounds[chunk], end: bounds[chunk + 1], capacity: capacity(chunk))
      }
      for (chunk, output) in redone.enumerated() {
        guard let output else { continue }
        guard output.rows == outputs[chunk].rows else { throw changedWhileReading(path) }
        for (slot, column) in redo[chunk].enumerated() {
          outputs[chunk].builders[column] = output.builders[slot]
        }
      }
    }

    let rows = outputs.map(\.rows)
    var columns: [Column] = []
    for column in names.indices {
      var parts: [ColumnBuilder?] = []
      for chunk in outputs.indices {
        parts.append(outputs[chunk].builders[column])
        // Release the chunk's copy now so only one column is ever held twice.
        outputs[chunk].builders[column] = ColumnBuilder(declared: nil)
      }
      columns.append(
        ColumnAssembler.assemble(
          name: names[column], parts: parts, rows: rows, final: finals[column])
      )
    }
    let rejectedRows = outputs.reduce(0) { $0 + $1.rejectedRecords.count }
    let table = Table(columns: columns, rowCount: rows.reduce(0, +), rejectedRows: rejectedRows)
    return (table, ChunkReport.examples(outputs, bases: bases))
  }

  /// The error for a file whose second pass does not match its first.
  static func changedWhileReading(_ path: String) -> DataError {
    DataError(
      file: path, line: 0, column: 0, message: "the file changed while it was being read",
      hint: "write data files to a temporary name and rename them into place when complete")
  }

  /// Rough number of records, from the average length of the first lines.
  static func estimateRows(file: FileBytes, start: Int, end: Int) -> Int {
    let sample = min(end - start, 1 << 16)
    guard sample > 0 else { return 0 }
    var newlines = 0
    for index in start..<(start + sample) where file.base[index] == 10 { newlines += 1 }
    guard newlines > 0 else { return 1 }
    return Int(Double(end - start) / Double(sample) * Double(newlines) * 1.02) + 1
  }
}

extension CSVChunkParser {
  /// A parser that reads only `columns` (builder indices), as categorical, passing over the
  /// records an earlier pass rejected.
  func retyping(columns: [Int], skipping records: [Int]) -> CSVChunkParser {
    var newPlan = [Int](repeating: -1, count: plan.count)
    for (field, target) in plan.enumerated() {
      if target >= 0, let slot = columns.firstIndex(of: target) { newPlan[field] = slot }
    }
    return CSVChunkParser(
      file: file, path: path, delimiter: delimiter, header: header, plan: newPlan,
      declared: columns.map { _ in .categorical }, policy: policy, skipRecords: records,
      progress: nil)
  }
}
