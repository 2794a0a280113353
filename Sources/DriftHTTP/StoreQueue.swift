import Dispatch
import Synchronization

/// Runs the store's blocking SQLite reads on their own threads, a few at a time, so requests
/// never occupy the cooperative thread pool the scheduler's loops run on; and answers 503 when
/// a read takes longer than the request timeout (the read finishes in the background).
final class StoreQueue: Sendable {
  private let queue = DispatchQueue(label: "driftwatch.http.store", attributes: .concurrent)
  private let slots: DispatchSemaphore
  private let timeout: Duration

  /// Creates a queue that runs at most `width` reads at once, each given `timeout`.
  init(width: Int, timeout: Duration) {
    slots = DispatchSemaphore(value: max(width, 1))
    self.timeout = timeout
  }

  /// Runs `body` on the queue and returns its result.
  ///
  /// - Throws: What `body` throws, or an ``APIError`` (503) after the timeout.
  func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    let seconds =
      Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
    return try await withCheckedThrowingContinuation { continuation in
      let once = Once(continuation)
      queue.async { [slots] in
        slots.wait()
        defer { slots.signal() }
        once.resume(with: Result { try body() })
      }
      queue.asyncAfter(deadline: .now() + seconds) { [timeout] in
        once.resume(
          with: .failure(
            APIError(
              status: .serviceUnavailable,
              message: "the request took longer than \(timeout); try a narrower query")))
      }
    }
  }
}

/// Resumes a continuation the first time only.
private final class Once<Value: Sendable>: Sendable {
  private let continuation: Mutex<CheckedContinuation<Value, any Error>?>

  init(_ continuation: CheckedContinuation<Value, any Error>) {
    self.continuation = Mutex(continuation)
  }

  func resume(with result: Result<Value, any Error>) {
    continuation.withLock { $0.take() }?.resume(with: result)
  }
}
