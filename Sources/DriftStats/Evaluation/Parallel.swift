import Dispatch

/// Runs independent work on all cores and keeps the results in order: per-feature work here,
/// per-chunk parsing in DriftData (the lowest target both can import is this one).
///
/// Results are bit-identical whatever the threads: each result depends only on its own item or
/// index, never on which worker ran it or when.
package enum Parallel {
  /// Maps `items` with `transform` concurrently, keeping the order of `items` in the result.
  ///
  /// - Parameters:
  ///   - items: The work items.
  ///   - threads: Worker threads; `nil` lets Dispatch use every core, 1 runs on the caller.
  ///   - transform: Work on one item.
  package static func map<Item: Sendable, Result: Sendable>(
    _ items: [Item], threads: Int? = nil, _ transform: @Sendable (Item) -> Result
  ) -> [Result] {
    if items.count <= 1 || threads == 1 { return items.map(transform) }
    return map(count: items.count, threads: threads) { transform(items[$0]) }
  }

  /// `body(0) ... body(count - 1)`, run concurrently; the results in index order.
  ///
  /// Each index is written by exactly one iteration, so the shared result buffer is never
  /// written twice; `concurrentPerform` returns only after every iteration is done.
  ///
  /// - Parameters:
  ///   - count: How many indices (0 gives an empty result).
  ///   - threads: Worker threads; `nil` lets Dispatch use every core, 1 runs on the caller.
  ///   - body: Work on one index.
  package static func map<Result: Sendable>(
    count: Int, threads: Int? = nil, _ body: @Sendable (Int) -> Result
  ) -> [Result] {
    if count <= 1 || threads == 1 { return (0..<max(count, 0)).map(body) }
    let slots = Slots<Result>(count: count)
    if let threads {
      // Worker w takes indices w, w + threads, ...: a result does not depend on who ran it.
      let workers = min(threads, count)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for index in stride(from: worker, to: count, by: workers) {
          slots.store(body(index), at: index)
        }
      }
    } else {
      DispatchQueue.concurrentPerform(iterations: count) { index in
        slots.store(body(index), at: index)
      }
    }
    return slots.values()
  }
}

/// Result slots written by disjoint iterations of a concurrent loop.
///
/// The buffer is allocated once; iterations write through the raw pointer (not through a Swift
/// array property, whose exclusivity checks would trap on concurrent writes to distinct indices).
/// `@unchecked Sendable`: each index is written by one iteration only, and `values()` runs after
/// `concurrentPerform` returned (every write happened-before).
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
    buffer.map { $0.unsafelyUnwrapped }
  }
}
