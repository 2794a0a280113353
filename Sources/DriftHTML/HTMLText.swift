/// Escaping of text for HTML and inline SVG: every string that comes from data (feature names,
/// category values, file names, error excerpts) passes through here before it reaches a page.
public enum HTMLText {
  /// Escapes text for an HTML or SVG text node or a quoted attribute value.
  ///
  /// `&`, `<`, `>`, `"` and `'` become character references, so the text can neither open a tag,
  /// close the surrounding element (`</script>`, `</title>`) nor end an attribute. Control
  /// characters other than tab and line breaks (which HTML forbids, and which a terminal copy of
  /// the page would interpret) become U+FFFD.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

  /// Shortens text to at most `limit` characters, ending with an ellipsis when it was cut
  /// (the full text goes into a `<title>` beside it). Escape the result afterwards.
  public static func truncated(_ text: String, limit: Int) -> String {
    guard text.count > limit, limit > 1 else { return text }
    return String(text.prefix(limit - 1)) + "\u{2026}"
  }
}
