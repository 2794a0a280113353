import DriftStore
import Foundation

/// The opaque `cursor` of a paged answer: where the previous page ended, base64url-encoded so
/// clients pass it back untouched.
enum PageCursor {
  /// The cursor after a history result.
  static func encode(_ cursor: HistoryCursor) -> String {
    encode(["h", String(cursor.windowStart), cursor.feature, cursor.test])
  }

  /// The history position in `text`.
  static func history(_ text: String) throws(APIError) -> HistoryCursor {
    let parts = try decode(text)
    guard parts.count == 4, parts[0] == "h", let start = Int64(parts[1]) else {
      throw .badRequest("cursor: not a cursor of this listing; pass next_cursor back unchanged")
    }
    return HistoryCursor(windowStart: start, feature: parts[2], test: parts[3])
  }

  /// The cursor after a position in a listing keyed by one number (a window start, an index).
  static func encode(kind: String, _ value: Int64) -> String {
    encode([kind, String(value)])
  }

  /// The number in a cursor of `kind`.
  static func number(_ text: String, kind: String) throws(APIError) -> Int64 {
    let parts = try decode(text)
    guard parts.count == 2, parts[0] == kind, let value = Int64(parts[1]) else {
      throw .badRequest("cursor: not a cursor of this listing; pass next_cursor back unchanged")
    }
    return value
  }

  private static func encode(_ parts: [String]) -> String {
    Data(parts.joined(separator: "\u{0}").utf8).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  private static func decode(_ text: String) throws(APIError) -> [String] {
    var base64 = text.replacingOccurrences(of: "-", with: "+")
      .replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    guard text.count <= 4096, let data = Data(base64Encoded: base64),
      let decoded = String(data: data, encoding: .utf8)
    else {
      throw .badRequest("cursor: not a cursor; pass next_cursor back unchanged")
    }
    return decoded.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
  }
}
