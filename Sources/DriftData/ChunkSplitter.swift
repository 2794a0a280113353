import DriftStats

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cuts the data part of a file into chunks that each start at a record boundary.
enum ChunkSplitter {
  /// How many chunks to use for `bytes` of data.
  static func chunkCount(bytes: Int, threads: Int, minimumChunkBytes: Int) -> Int {
    max(1, min(max(threads, 1), bytes / max(minimumChunkBytes, 1)))
  }

  /// Offsets `[start, b1, ..., end]` where every inner boundary follows a newline.
  ///
  /// With `quotes` true (CSV), a newline only ends a record when an even number of double
  /// quotes precedes it: quote counts of the segments are taken in parallel, their running sum
  /// gives the parity at each target, and a short forward scan finds the next record end.
  static func boundaries(
    file: FileBytes, start: Int, end: Int, chunks: Int, quotes: Bool
  ) -> [Int] {
    guard chunks > 1 else { return [start, end] }
    let base = file.base
    let targets = (0...chunks).map { start + (end - start) * $0 / chunks }
    var parity = [Int](repeating: 0, count: chunks)
    if quotes {
      // Quotes after the last target cannot move any boundary, so that segment is not counted.
      let counts = Parallel.map(count: chunks - 1) { index in
        countQuotes(file.base + targets[index], targets[index + 1] - targets[index])
      }
      for index in 1..<chunks { parity[index] = (parity[index - 1] + counts[index - 1]) & 1 }
    }
    var result = [start]
    for index in 1..<chunks {
      var position = max(targets[index], result[index - 1])
      // When the previous boundary ran past this target, counting restarts at that record start.
      // The forward scan always follows quotes (CSV): the segments counted above end at the
      // last target, and a quote the scan meets after it still opens or closes a field.
      var odd = position == targets[index] ? parity[index] : 0
      while position < end {
        let byte = base[position]
        if byte == UInt8(ascii: "\"") && quotes {
          odd ^= 1
        } else if byte == 10 && odd == 0 {
          position += 1
          break
        }
        position += 1
      }
      result.append(min(position, end))
    }
    result.append(end)
    return result
  }

  /// The number of double quotes in `count` bytes at `start`.
  ///
  /// Most files hold no quote at all: `memchr` (vectorised in glibc) passes over a quote-free
  /// block of 4 KiB several times faster than the word loop, and only a block with a quote is
  /// counted word by word (``countQuotesByWords(_:_:)``).
  static func countQuotes(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
    let block = 4096
    var total = 0
    var index = 0
    while index < count {
      let length = min(block, count - index)
      if memchr(start + index, Int32(UInt8(ascii: "\"")), length) != nil {
        total &+= countQuotesByWords(start + index, length)
      }
      index += length
    }
    return total
  }

  /// The number of double quotes in `count` bytes at `start`, counted word by word.
  ///
  /// Eight bytes a word (SWAR): XOR with `""""""""` turns each quote into a zero byte. Adding
  /// 0x7F to each byte's low seven bits sets its high bit unless they are all zero (no carry
  /// reaches the next byte, the sum is at most 0xFE); OR-ing in the byte's own high bit leaves it
  /// clear exactly for zero bytes, and a population count of the inverted high bits counts them.
  static func countQuotesByWords(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
    let raw = UnsafeRawPointer(start)
    let quotes: UInt64 = 0x2222_2222_2222_2222
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    var total = 0
    var index = 0
    while count - index >= 8 {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ quotes
      let nonzero = ((word & low) &+ low) | word
      total &+= (~nonzero & ~low).nonzeroBitCount
      index += 8
    }
    while index < count {
      total &+= start[index] == UInt8(ascii: "\"") ? 1 : 0
      index += 1
    }
    return total
  }
}
