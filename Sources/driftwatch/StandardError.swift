import Foundation

/// Writes diagnostics to standard error, which is never mixed with a command's results.
enum StandardError {
  /// Writes `text` followed by a newline.
  static func line(_ text: String) {
    write(text + "\n")
  }

  /// Writes `text` as it is.
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Whether standard error is a terminal (progress is shown only there).
  static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
