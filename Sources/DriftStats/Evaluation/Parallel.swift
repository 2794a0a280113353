import Dispatch

/// Runs independent per-feature work on all cores.
enum Parallel {
  /// Maps `items` with `transform` concurrently, keeping the order of `items` in the result.
  ///
  /// Each index is written by exactly one iteration, so the shared result buffer is never
  /// written twice; `concurrentPerform` returns only after every iteration is done.
  ///
  /// - Parameters:
  ///   - items: The work items.
  ///   - threads: Worker threads; `nil` lets Dispatch use every core, 1 runs on the caller.
  ///   - transform: Work on one item.
  static func map<Item: Sendable, Result: Sendable>(
    _ items: [Item], threads: Int? = nil, _ transform: @Sendable (Item) -> Result
  ) -> [Result] {
    if items.count <= 1 || threads == 1 { return items.map(transform) }
    let slots = Slots<Result>(count: items.count)
    if let threads {
      // Worker w takes items w, w + threads, ...: an item's result does not depend on who ran it.
      let workers = min(threads, items.count)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for index in stride(from: worker, to: items.count, by: workers) {
          slots.store(transform(items[index]), at: index)
        }
      }
    } else {
      DispatchQueue.concurrentPerform(iterations: items.count) { index in
        slots.store(transform(items[index]), at: index)
      }
    }
    return slots.values()
  }
}

/// Result slots written by disjoint iterations of a concurrent loop.
///
/// The buffer is allocated once; iterations write through the raw pointer (not through a Swift
/// array property, whose exclusivity checks would trap on concurrent writes to distinct indices).
private final class Slots<Value>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }

  func store(_ value: Value, at index: Int) {
    buffer[index] = value
  }

  func values() -> [Value] {
    // Every slot was filled by concurrentPerform before this is called.
    buffer.map { $0! }
  }
}
