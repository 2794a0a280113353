import Foundation

/// The first of several racing outcomes (an attempt and its watchdog); later ones are ignored.
final class FirstOutcome: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var outcome: DeliveryOutcome?
  private var waiter: CheckedContinuation<DeliveryOutcome, Never>?

  /// Offers an outcome; only the first counts.
  func offer(_ candidate: DeliveryOutcome) {
    let resume: CheckedContinuation<DeliveryOutcome, Never>? = lock.withLock {
      guard outcome == nil else { return nil }
      outcome = candidate
      defer { waiter = nil }
      return waiter
    }
    resume?.resume(returning: candidate)
  }

  /// Waits for the first outcome.
  func value() async -> DeliveryOutcome {
    await withCheckedContinuation { continuation in
      let ready: DeliveryOutcome? = lock.withLock {
        if let outcome { return outcome }
        waiter = continuation
        return nil
      }
      if let ready { continuation.resume(returning: ready) }
    }
  }
}

/// A value behind a lock, shared across tasks.
final class LockedValue<Value>: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) {
    self.value = value
  }

  func withLock<T>(_ body: (inout Value) -> T) -> T {
    lock.withLock { body(&value) }
  }
}
