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
}
