import DriftData
import Foundation

/// Writes diagnostics to standard error, which is never mixed with a command's results.
enum StandardError {
  /// Writes `text` followed by a newline, with control characters other than its line breaks
  /// escaped (``TerminalText``): messages quote names and values from data.
  static func line(_ text: String) {
    write(TerminalText.escaped(text, keepingNewlines: true) + "\n")
  }

  /// Writes `text` as it is (progress lines with their own terminal controls).
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Whether standard error is a terminal (progress is shown only there).
  static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
