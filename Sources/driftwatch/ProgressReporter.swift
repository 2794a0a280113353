import Foundation
import Synchronization

/// Shows reading progress on a terminal for large inputs; silent everywhere else.
final class ProgressReporter: Sendable {
  /// Inputs smaller than this are read too quickly to need progress.
  static let minimumBytes: Int64 = 100_000_000

  /// The last percentage shown, and whether a line is on screen: the reader calls back from
  /// several threads.
  private struct State {
    var lastPercent = -1
    var shown = false
  }

  private let state = Mutex(State())

  /// A reporter when standard error is a terminal, else `nil` (piped output never has progress).
  static func forTerminal() -> ProgressReporter? {
    StandardError.isTerminal ? ProgressReporter() : nil
  }

  /// The callback to hand to a reader for the file `label`.
  func callback(label: String) -> @Sendable (Int64, Int64) -> Void {
    { [self] done, total in
      guard total >= Self.minimumBytes else { return }
      let percent = Int(done * 100 / max(total, 1))
      state.withLock { state in
        guard percent != state.lastPercent else { return }
        state.lastPercent = percent
        state.shown = true
        let megabytes = { (bytes: Int64) in String(bytes / 1_000_000) }
        StandardError.write(
          "\rreading \(label): \(percent)% (\(megabytes(done)) of \(megabytes(total)) MB)\u{1B}[K")
      }
    }
  }

  /// Clears the progress line, if one was shown.
  func finish() {
    state.withLock { state in
      if state.shown { StandardError.write("\r\u{1B}[K") }
      state.shown = false
      state.lastPercent = -1
    }
  }
}
