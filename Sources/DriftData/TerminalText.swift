/// Text from data, made safe to show a person in a terminal or a log line.
///
/// A CSV header, a category value or a file name can hold escape sequences (`ESC [ 2 J` clears
/// the screen, `ESC ] 0 ;` retitles the window) or characters that reorder what follows them.
/// Every data-derived string written for a person goes through ``escaped(_:)``: tables of
/// `compare`, `history`, `status` and `alerts`, the daemon's log lines, alert message texts.
/// JSON and CSV output keep the exact bytes (their encoders escape what their formats need).
public enum TerminalText {
  /// `text` with every control character written as an escape a person can read: C0 controls
  /// (newline and tab included) and DEL as `\x1b`, C1 controls and the bidirectional
  /// formatting characters (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) as `\u{202e}`.
  /// Other text, backslashes included, is returned unchanged; text without any of these is
  /// returned as is, without copying.
  ///
  /// - Parameters:
  ///   - text: The text, possibly from data.
  ///   - keepingNewlines: Leave `\n` as it is: for messages of several lines (standard error),
  ///     never for one table cell or one log line.
  public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if keepingNewlines && scalar == "\n" {
        result.unicodeScalars.append(scalar)
      } else if scalar.value < 0x20 || scalar.value == 0x7F {
        result += "\\x" + hex(scalar.value, digits: 2)
      } else if needsEscape(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Whether `text` holds anything ``escaped(_:)`` would rewrite.
  public static func needsEscaping(_ text: String) -> Bool {
    text.unicodeScalars.contains(where: needsEscape)
  }

  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F..<0xA0: return true
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  private static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
