import DriftStats
import Testing

@testable import DriftData

@Suite struct ChunkBoundaryTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  /// Quoted fields with newlines, delimiters and doubled quotes everywhere, so chunk targets
  /// land inside quoted fields; every thread count must give the table one thread gives.
  @Test(arguments: [1, 7, 50, 333, 2000])
  func quotedNewlinesNearBoundaries(rows: Int) throws {
    var random = SeededRandom(seed: UInt64(rows))
    var text = "id,note,value,tag\r\n"
    let pieces = ["\n", ",", "\"\"", "x", "é", "\r\n", " "]
    for row in 0..<rows {
      var note = ""
      for _ in 0..<(random.next() % 12) {
        note += pieces[Int(random.next() % UInt64(pieces.count))]
      }
      let value = random.next() % 5 == 0 ? "" : String(Double(random.next() % 100_000) / 100)
      text += "\(row),\"\(note)\",\(value),\"t\(random.next() % 4)\"\r\n"
    }
    let path = try scratch.write(text, name: "q.csv")
    let reference = try readTable(path, chunked(1))
    #expect(reference.rowCount == rows)
    for threads in [2, 3, 4, 8] {
      #expect(identical(try readTable(path, chunked(threads)), reference), "threads \(threads)")
    }
  }

  @Test func chunkBoundariesAreRecordStarts() throws {
    let text = "h\n" + String(repeating: "\"a\nb\"\n", count: 40)
    let path = try scratch.write(text, name: "b.csv")
    let file = try FileBytes(path: path)
    let bounds = ChunkSplitter.boundaries(
      file: file, start: 2, end: file.count, chunks: 7, quotes: true)
    #expect(bounds.first == 2 && bounds.last == file.count)
    for bound in bounds.dropFirst().dropLast() { #expect((bound - 2) % 6 == 0) }
  }

  /// The first quote of the file lies past the first chunk target, in the stretch the forward
  /// scan walks: the newline inside that quoted field is not a record end (found by FuzzCSV:
  /// the scan followed quotes only when the counted segments held one, so the chunked read
  /// failed with "quoted field is never closed" where the single read rejected a short row).
  @Test func firstQuoteAfterTheFirstTarget() throws {
    let path = try scratch.write("h\nxx,\"\n\"\n", name: "late-quote.csv")
    let file = try FileBytes(path: path)
    let bounds = ChunkSplitter.boundaries(
      file: file, start: 2, end: file.count, chunks: 2, quotes: true)
    #expect(bounds == [2, file.count, file.count])
    var options = ReadOptions(onBadRow: .skip)
    options.threads = 1
    let single = try DataReader.read(path: path, options: options)
    options.threads = 2
    options.minimumChunkBytes = 1
    let split = try DataReader.read(path: path, options: options)
    #expect(single.table.rejectedRows == 1 && split.table.rejectedRows == 1)
    #expect(identical(split.table, single.table))
  }
}

@Suite struct QuoteCountTests {
  /// The word-at-a-time count equals a byte loop at every start offset and length.
  @Test func swarCountMatchesByteLoop() {
    var random = SeededRandom(seed: 99)
    // Quotes, bytes one bit away from a quote, high bytes (UTF-8), and plain text.
    let alphabet: [UInt8] = [0x22, 0x22, 0x23, 0x21, 0x02, 0xA2, 0xFF, 0x00, 0x61, 0x2C, 0x0A]
    let bytes = (0..<4096).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
    bytes.withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress!
      for start in 0..<24 {
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4000] {
          let expected = buffer[start..<(start + count)].filter { $0 == 0x22 }.count
          #expect(ChunkSplitter.countQuotesByWords(base + start, count) == expected)
          #expect(ChunkSplitter.countQuotes(base + start, count) == expected)
        }
      }
    }
  }

  /// Long quote-free stretches (skipped block by block) with quotes at and around the 4 KiB
  /// block edges, and a block full of quotes: every quote is counted once.
  @Test(arguments: [0, 1, 4095, 4096, 4097, 8191, 8192, 12_287, 12_300])
  func blocksWithAndWithoutQuotes(quoteAt position: Int) {
    var bytes = [UInt8](repeating: UInt8(ascii: "7"), count: 12_301)
    bytes[position] = 0x22
    bytes[12_300] = 0x22
    let dense = [UInt8](repeating: 0x22, count: 5_000)
    bytes.withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress!
      let expected = position == 12_300 ? 1 : 2
      #expect(ChunkSplitter.countQuotes(base, buffer.count) == expected)
      #expect(ChunkSplitter.countQuotes(base, 12_300) == expected - 1)
      #expect(ChunkSplitter.countQuotes(base + 1, 12_299) == (position == 0 ? 0 : expected - 1))
    }
    dense.withUnsafeBufferPointer { buffer in
      #expect(ChunkSplitter.countQuotes(buffer.baseAddress!, buffer.count) == 5_000)
    }
  }
}
