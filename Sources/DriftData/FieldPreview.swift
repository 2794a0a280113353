/// Short, quoted renderings of field values for error messages.
enum FieldPreview {
  /// Longest preview in characters before it is cut with an ellipsis.
  static let limit = 40

  /// The field starting at `start` (quoted or not), as `"value"`.
  static func text(_ start: UnsafePointer<UInt8>, stop: UnsafePointer<UInt8>, delimiter: UInt8)
    -> String
  {
    var bytes: [UInt8] = []
    var cursor = start
    if cursor < stop && cursor[0] == UInt8(ascii: "\"") {
      cursor += 1
      while cursor < stop {
        if cursor[0] == UInt8(ascii: "\"") {
          if cursor + 1 < stop && cursor[1] == UInt8(ascii: "\"") {
            cursor += 1
          } else {
            break
          }
        }
        bytes.append(cursor[0])
        cursor += 1
      }
    } else {
      while cursor < stop && cursor[0] != delimiter && cursor[0] != 10 && cursor[0] != 13 {
        bytes.append(cursor[0])
        cursor += 1
      }
    }
    return quoted(bytes)
  }

  /// The bytes as a quoted string, invalid UTF-8 shown as U+FFFD, cut at ``limit`` characters.
  static func quoted<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    let text = String(decoding: bytes, as: UTF8.self)
    let cut = text.count > limit ? String(text.prefix(limit)) + "..." : text
    return "\"" + cut + "\""
  }
}
