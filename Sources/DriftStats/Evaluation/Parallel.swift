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

  /// Maps `items` with `transform` concurrently, handing each item over to the one iteration
  /// that works on it; the results in the order of `items`.
  ///
  /// When the caller hands over the only reference to `items` (`consume`), each iteration holds
  /// the only reference to its item's storage, so work on the item can change it in place
  /// without a copy (a column sorted in its own array, say). An item shared with anyone else is
  /// copied on write, as ever.
  ///
  /// - Parameters:
  ///   - items: The work items, taken over.
  ///   - threads: Worker threads; `nil` lets Dispatch use every core, 1 runs on the caller.
  ///   - transform: Work on one item, which it owns (and may change: it is dropped after).
  package static func map<Item: Sendable, Result: Sendable>(
    taking items: consuming [Item], threads: Int? = nil,
    _ transform: @Sendable (inout Item) -> Result
  ) -> [Result] {
    let handover = Slots(taking: consume items)
    return map(count: handover.count, threads: threads) { index in
      var item = handover.take(at: index)
      return transform(&item)
    }
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

/// Slots read or written by disjoint iterations of a concurrent loop: results stored by
/// ``Parallel/map(count:threads:_:)``, or items handed over by ``Parallel/map(taking:threads:_:)``.
///
/// The buffer is allocated once; iterations go through the raw pointer (not through a Swift
/// array property, whose exclusivity checks would trap on concurrent access to distinct
/// indices). `@unchecked Sendable`: each index is stored or taken by one iteration only, a
/// buffer of items is filled before the loop starts, and `values()` runs after
/// `concurrentPerform` returned (every store happened-before).
private final class Slots<Value>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<Value?>

  /// Empty slots, for results.
  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  /// Slots holding `items`: the items move into the buffer and the array they came in is
  /// dropped, so the buffer holds their only references when the array did; an iteration's
  /// ``take(at:)`` then leaves its copy the only one.
  init(taking items: consuming [Value]) {
    buffer = .allocate(capacity: items.count)
    _ = buffer.initialize(fromContentsOf: items.lazy.map { Optional($0) })
    // The array's references end here, before any item is taken.
    _ = consume items
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }

  var count: Int { buffer.count }

  func store(_ value: Value, at index: Int) {
    buffer[index] = value
  }

  /// The item at `index`, leaving the slot empty.
  func take(at index: Int) -> Value {
    // Every slot was filled in init(taking:) and each index is taken once (map(count:) runs
    // each once).
    buffer[index].take()!
  }

  func values() -> [Value] {
    // Every slot was filled by concurrentPerform before this is called.
    buffer.map { $0.unsafelyUnwrapped }
  }
}
