import Foundation

/// Adds up bytes parsed by all worker threads and passes the total to the user's callback.
///
/// The running total is guarded by a lock, so workers may call ``advance(by:)`` concurrently.
final class ProgressMeter: @unchecked Sendable {
  /// How many bytes a worker parses between reports.
  static let step = 8 << 20

  private let lock = NSLock()
  private var done: Int64 = 0
  private let total: Int64
  private let callback: @Sendable (Int64, Int64) -> Void

  init(total: Int64, callback: @escaping @Sendable (Int64, Int64) -> Void) {
    self.total = total
    self.callback = callback
  }

  /// Records `bytes` more parsed and reports the new total.
  func advance(by bytes: Int) {
    guard bytes > 0 else { return }
    lock.lock()
    done = min(total, done + Int64(bytes))
    let now = done
    lock.unlock()
    callback(now, total)
  }

  /// Reports the whole file as done.
  func finish() {
    lock.lock()
    let remaining = total - done
    lock.unlock()
    advance(by: Int(remaining))
  }
}
