import Dispatch

/// Runs one job per chunk on a pool of threads and collects the results in chunk order.
enum ParallelChunks {
  /// `body(0) ... body(count - 1)`, run concurrently; the results in index order.
  static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    if count == 1 { return [body(0)] }
    let slots = ResultSlots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
      slots.store(body(index), at: index)
    }
    return slots.take()
  }
}

/// One result slot per chunk. Each worker writes only its own index, and `take()` runs after
/// `concurrentPerform` returned (all writes happened-before), so the unsynchronised buffer is
/// safe; hence `@unchecked Sendable`.
private final class ResultSlots<T>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<T?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  func store(_ value: T, at index: Int) {
    buffer[index] = value
  }

  func take() -> [T] {
    // Every index was stored by concurrentPerform before this runs.
    buffer.map { $0.unsafelyUnwrapped }
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }
}
