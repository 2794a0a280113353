import Synchronization

/// The first of several racing outcomes (an attempt and its watchdog); later ones are ignored.
final class FirstOutcome: Sendable {
  private struct State {
    var outcome: DeliveryOutcome?
    var waiter: CheckedContinuation<DeliveryOutcome, Never>?
  }

  private let state = Mutex(State())

  /// Offers an outcome; only the first counts.
  func offer(_ candidate: DeliveryOutcome) {
    let resume: CheckedContinuation<DeliveryOutcome, Never>? = state.withLock { state in
      guard state.outcome == nil else { return nil }
      state.outcome = candidate
      defer { state.waiter = nil }
      return state.waiter
    }
    resume?.resume(returning: candidate)
  }

  /// Waits for the first outcome.
  func value() async -> DeliveryOutcome {
    await withCheckedContinuation { continuation in
      let ready: DeliveryOutcome? = state.withLock { state in
        if let outcome = state.outcome { return outcome }
        state.waiter = continuation
        return nil
      }
      if let ready { continuation.resume(returning: ready) }
    }
  }
}

/// A value behind a lock, shared across tasks (a `Mutex` in a class, so the types holding it
/// stay copyable).
final class LockedValue<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>

  init(_ value: Value) {
    mutex = Mutex(value)
  }

  func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T {
    mutex.withLock { body(&$0) }
  }
}
