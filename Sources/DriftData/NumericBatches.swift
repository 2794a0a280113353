/// Values of the CSV parser's fast numeric path, held a few at a time per column before they
/// join the column's array.
///
/// Appending one `Double` to an `Array` checks that the buffer is uniquely referenced (a call
/// into the runtime) and that it has room, every time; appending a batch checks once. The
/// values join their column in the order they arrived, and a batch is flushed before anything
/// else is appended to its column (a committed cell, a rollback, the end of the chunk), so the
/// column's values and their order are the ones a direct append gives.
///
/// Owns manually allocated memory: `deallocate()` must be called once, when the parse ends.
struct NumericBatches {
  /// Values per column before a flush: 64 doubles (512 bytes) a column stay in the L1 cache
  /// for 20 columns.
  static let size = 64

  /// `size` values for each column, back to back.
  private let values: UnsafeMutablePointer<Double>
  /// How many values each column holds now.
  private let counts: UnsafeMutablePointer<Int>
  private let columns: Int

  /// Empty batches for `columns` columns.
  init(columns: Int) {
    self.columns = columns
    values = .allocate(capacity: Swift.max(columns, 1) * Self.size)
    counts = .allocate(capacity: Swift.max(columns, 1))
    counts.initialize(repeating: 0, count: Swift.max(columns, 1))
  }

  /// Adds `value` to the batch of `column`; true when the batch is full and must be flushed.
  @inline(__always)
  func add(_ value: Double, column: Int) -> Bool {
    let held = counts[column]
    values[column &* Self.size &+ held] = value
    counts[column] = held &+ 1
    return held &+ 1 == Self.size
  }

  /// Whether the batch of `column` holds values.
  @inline(__always)
  func holdsValues(_ column: Int) -> Bool { counts[column] != 0 }

  /// Appends the batch of `column` to its builder's values and empties it.
  func flush(_ column: Int, into builders: UnsafeMutableBufferPointer<ColumnBuilder>) {
    let held = counts[column]
    guard held > 0 else { return }
    builders[column].doubles.append(
      contentsOf: UnsafeBufferPointer(start: values + column * Self.size, count: held))
    counts[column] = 0
  }

  /// Flushes every column's batch.
  func flushAll(into builders: UnsafeMutableBufferPointer<ColumnBuilder>) {
    for column in 0..<columns { flush(column, into: builders) }
  }

  /// Frees the memory.
  func deallocate() {
    values.deallocate()
    counts.deallocate()
  }
}
