/// Lets at most `limit` operations run at once; the others wait their turn in order.
actor ConcurrencyLimiter {
  private let limit: Int
  private var running = 0
  private var waiting = [CheckedContinuation<Void, Never>]()

  init(limit: Int) {
    self.limit = limit
  }

  /// Runs `operation` once a slot is free.
  func run<Result: Sendable>(_ operation: @Sendable () async -> Result) async -> Result {
    await acquire()
    defer { release() }
    return await operation()
  }

  private func acquire() async {
    if running < limit {
      running += 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  private func release() {
    if waiting.isEmpty {
      running -= 1
    } else {
      // The slot passes straight to the next waiter.
      waiting.removeFirst().resume()
    }
  }
}
