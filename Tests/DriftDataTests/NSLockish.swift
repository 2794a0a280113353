import Foundation

/// A lock with a closure-based critical section, for test helpers.
final class NSLockish: @unchecked Sendable {
  private let lock = NSLock()

  func run<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }
}
