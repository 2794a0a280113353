import Dispatch

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
    let ranges = chunks(rows: rows)
    if ranges.count <= 1 || threads == 1 { return ranges.map(body) }
    let slots = ResultSlots<Result>(count: ranges.count)
    if let threads {
      // Worker w takes chunks w, w + threads, ...: a chunk's result does not depend on who ran it.
      let workers = min(threads, ranges.count)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for index in stride(from: worker, to: ranges.count, by: workers) {
          slots.store(body(ranges[index]), at: index)
        }
      }
    } else {
      DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
        slots.store(body(ranges[index]), at: index)
      }
    }
    return slots.values()
  }
}

/// Result slots written by disjoint iterations of a concurrent loop.
///
/// Iterations write through the raw pointer (not a Swift array, whose exclusivity checks would
/// trap on concurrent writes to distinct indices); each index is written by exactly one iteration.
private final class ResultSlots<Value>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }

  func store(_ value: Value, at index: Int) { buffer[index] = value }

  func values() -> [Value] {
    // concurrentPerform returns after every iteration has stored its slot.
    buffer.map { $0! }
  }
}
