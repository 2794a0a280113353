/// Splits row-wise work into fixed chunks and runs them on worker threads, so that every result
/// is assembled from the same chunks in the same order whatever the number of threads.
///
/// Chunk boundaries depend only on the row count; a reduction adds the chunks' partial results in
/// chunk order. Hence the floating-point results are bit-identical on 1 thread or 16.
enum ChunkedWork {
  /// Rows per chunk.
  static let chunkRows = 4096

  /// The chunks of `rows` rows.
  static func chunks(rows: Int) -> [Range<Int>] {
    stride(from: 0, to: rows, by: chunkRows).map { $0..<min($0 + chunkRows, rows) }
  }

  /// Runs `body` on each chunk of `rows` rows and returns the results in chunk order.
  ///
  /// - Parameters:
  ///   - rows: Rows to cover.
  ///   - threads: Worker threads; `nil` lets Dispatch use every core, 1 runs on the caller.
  ///   - body: Work on one chunk.
  static func map<Result: Sendable>(
    rows: Int, threads: Int?, _ body: @Sendable (Range<Int>) -> Result
  ) -> [Result] {
    Parallel.map(chunks(rows: rows), threads: threads, body)
  }

  /// A matrix's values, `rows * width` of them, each chunk's rows written by `body` straight
  /// into their final place (no chunk array joined after): the buffer is advised for huge pages
  /// (``HugePages/advise(_:byteCount:)``) before the workers first touch it, so its fresh pages
  /// are faulted in on every worker rather than by one copy on the caller.
  ///
  /// - Parameters:
  ///   - rows: Rows of the matrix.
  ///   - width: Values per row.
  ///   - threads: Worker threads; `nil` lets Dispatch use every core, 1 runs on the caller.
  ///   - capacity: Values the array should have room for (at least `rows * width`): room for
  ///     a later matrix written over this one (``ClassifierDesign/stackedTraining``).
  ///   - body: Writes every value of the chunk's rows, `range.count * width` of them, from the
  ///     pointer it is given (the chunk's first value); values not written would be undefined.
  static func fill(
    rows: Int, width: Int, capacity: Int = 0, threads: Int?,
    _ body: @Sendable (Range<Int>, UnsafeMutablePointer<Double>) -> Void
  ) -> [Double] {
    let count = rows * width
    let room = max(count, capacity, 1)
    // At least one slot, so there is an address even for an empty matrix: `body` still runs
    // for every chunk of rows (with `width` 0 it may write elsewhere, as a projection's errors).
    return [Double](unsafeUninitializedCapacity: room) { buffer, initialized in
      if let base = buffer.baseAddress {
        HugePages.advise(UnsafeMutableRawPointer(base), byteCount: room * 8)
        let output = ChunkOutput(base: base)
        _ = map(rows: rows, threads: threads) { range in
          body(range, output.base + range.lowerBound * width)
        }
      }
      initialized = count
    }
  }
}

/// The base address of a buffer whose disjoint chunks are written by concurrent workers.
///
/// `@unchecked Sendable`: every chunk of ``ChunkedWork/fill(rows:width:threads:_:)`` writes only
/// its own rows, and the buffer is read only after the workers returned (`concurrentPerform`
/// returns after every iteration, so each write happened-before).
struct ChunkOutput: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
}
