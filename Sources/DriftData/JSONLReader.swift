import DriftStats

/// Reads a JSON Lines file: chunks parsed in parallel, keys merged in order of first
/// appearance, re-typed columns parsed again, columns joined.
enum JSONLReader {
  static func read(file: FileBytes, path: String, options: ReadOptions, progress: ProgressMeter?)
    throws(DataError) -> (Table, [DataError])
  {
    var start = 0
    if file.count >= 3 && file.base[0] == 0xEF && file.base[1] == 0xBB && file.base[2] == 0xBF {
      start = 3
    }
    let chunks = ChunkSplitter.chunkCount(
      bytes: file.count - start, threads: options.threads,
      minimumChunkBytes: options.minimumChunkBytes)
    let bounds = ChunkSplitter.boundaries(
      file: file, start: start, end: file.count, chunks: chunks, quotes: false)
    // The first chunk reserves room for the whole file: its buffers become the columns.
    let estimate = CSVReader.estimateRows(file: file, start: start, end: file.count)
    @Sendable func capacity(_ chunk: Int) -> Int { chunk == 0 ? estimate : estimate / chunks + 16 }
    let parser = JSONLChunkParser(
      file: file, path: path, kinds: options.kinds, columns: options.columns,
      policy: options.onBadRow, progress: progress)
    var outputs = Parallel.map(count: chunks) { index in
      parser.parse(start: bounds[index], end: bounds[index + 1], capacity: capacity(index))
    }
    let bases = ChunkReport.lineBases(outputs, firstLine: 1)
    if let failure = ChunkReport.firstFailure(outputs, bases: bases) { throw failure }

    // Global key order: first appearance, chunk by chunk. slots[chunk][column] = builder index.
    var names: [String] = []
    var position: [String: Int] = [:]
    var slots: [[Int]] = []
    for output in outputs {
      var slot: [Int] = Array(repeating: -1, count: names.count)
      for (builder, key) in output.keys.enumerated() {
        let name = String(decoding: key, as: UTF8.self)
        let column: Int
        if let known = position[name] {
          column = known
        } else {
          column = names.count
          position[name] = column
          names.append(name)
          slot.append(-1)
        }
        slot[column] = builder
      }
      slots.append(slot)
    }
    for chunk in slots.indices {
      slots[chunk] += Array(repeating: -1, count: names.count - slots[chunk].count)
    }
    let requested = Set(options.kinds.keys).union(options.columns ?? [])
    var present = names
    for name in outputs.flatMap(\.otherKeys) where !present.contains(name) { present.append(name) }
    let missing = requested.subtracting(present).sorted()
    if !missing.isEmpty {
      throw NameSuggestion.missingColumns(missing, present: present, file: path, line: 0, column: 0)
    }

    func state(_ chunk: Int, _ column: Int) -> ColumnBuilder.State {
      let builder = slots[chunk][column]
      return builder < 0 ? .empty : outputs[chunk].builders[builder].state
    }
    let finals = names.indices.map { column in
      ColumnAssembler.finalState(outputs.indices.map { state($0, column) })
    }
    let redo = outputs.indices.map { chunk in
      names.indices.filter { ColumnAssembler.needsReparse(state(chunk, $0), final: finals[$0]) }
    }
    if redo.contains(where: { !$0.isEmpty }) {
      let rejected = outputs.map(\.rejectedRecords)
      let redoNames = redo.map { $0.map { names[$0] } }
      let redone = Parallel.map(count: chunks) { chunk -> ChunkOutput? in
        guard !redo[chunk].isEmpty else { return nil }
        var kinds: [String: ColumnKind] = [:]
        for name in redoNames[chunk] { kinds[name] = .categorical }
        let again = JSONLChunkParser(
          file: file, path: path, kinds: kinds, columns: Set(redoNames[chunk]),
          policy: options.onBadRow, skipRecords: rejected[chunk], progress: nil)
        return again.parse(start: bounds[chunk], end: bounds[chunk + 1], capacity: capacity(chunk))
      }
      for (chunk, output) in redone.enumerated() {
        guard let output else { continue }
        guard output.rows == outputs[chunk].rows else {
          throw CSVReader.changedWhileReading(path)
        }
        for (builder, key) in output.keys.enumerated() {
          guard let column = position[String(decoding: key, as: UTF8.self)],
            slots[chunk][column] >= 0
          else { throw CSVReader.changedWhileReading(path) }
          outputs[chunk].builders[slots[chunk][column]] = output.builders[builder]
        }
      }
    }

    let rows = outputs.map(\.rows)
    var columns: [Column] = []
    for column in names.indices {
      var parts: [ColumnBuilder?] = []
      for chunk in outputs.indices {
        let builder = slots[chunk][column]
        if builder < 0 {
          parts.append(nil)
        } else {
          parts.append(outputs[chunk].builders[builder])
          outputs[chunk].builders[builder] = ColumnBuilder(declared: nil)
        }
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
}
