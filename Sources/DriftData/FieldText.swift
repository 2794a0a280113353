/// Rules for reading one field's text: missing-value tokens, booleans, UTF-8, trimming.
///
/// Missing: the empty field and exactly `NA`, `N/A`, `null`, `NULL`, `NaN`, `nan`, `None`
/// (after trimming spaces and tabs). Booleans: `true` / `false` in any letter case.
enum FieldText {
  /// Whether the bytes are one of the missing-value tokens.
  @inline(__always)
  static func isMissing(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    switch count {
    case 0: return true
    case 2: return start[0] == UInt8(ascii: "N") && start[1] == UInt8(ascii: "A")
    case 3:
      let first = start[0]
      guard first == UInt8(ascii: "N") || first == UInt8(ascii: "n") else { return false }
      return matches(start, "N/A") || matches(start, "NaN") || matches(start, "nan")
    case 4:
      let first = start[0]
      guard first == UInt8(ascii: "N") || first == UInt8(ascii: "n") else { return false }
      return matches(start, "null") || matches(start, "NULL") || matches(start, "None")
    default: return false
    }
  }

  /// `true` / `false` in any letter case, or nil.
  @inline(__always)
  static func boolean(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool? {
    if count == 4 && lowerMatches(start, "true") { return true }
    if count == 5 && lowerMatches(start, "false") { return false }
    return nil
  }

  /// The range without leading and trailing spaces and tabs.
  @inline(__always)
  static func trimmed(
    _ start: UnsafePointer<UInt8>, _ count: Int
  ) -> (UnsafePointer<UInt8>, Int) {
    var first = 0
    var end = count
    while first < end && (start[first] == 0x20 || start[first] == 0x09) { first += 1 }
    while end > first && (start[end - 1] == 0x20 || start[end - 1] == 0x09) { end -= 1 }
    return (start + first, end - first)
  }

  /// Whether the bytes are well-formed UTF-8 (ASCII is checked first, eight bytes at a time).
  static func isValidUTF8(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    while index + 8 <= count {
      let word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
      if word & 0x8080_8080_8080_8080 != 0 { break }
      index += 8
    }
    while index < count {
      let lead = start[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return false
      }
      guard index + length <= count else { return false }
      let second = start[index + 1]
      guard second >= low && second <= high else { return false }
      for offset in 2..<length where start[index + offset] & 0xC0 != 0x80 { return false }
      index += length
    }
    return true
  }

  @inline(__always)
  private static func matches(_ start: UnsafePointer<UInt8>, _ token: StaticString) -> Bool {
    let bytes = token.utf8Start
    for index in 0..<token.utf8CodeUnitCount where start[index] != bytes[index] { return false }
    return true
  }

  @inline(__always)
  private static func lowerMatches(_ start: UnsafePointer<UInt8>, _ token: StaticString) -> Bool {
    let bytes = token.utf8Start
    for index in 0..<token.utf8CodeUnitCount where start[index] | 0x20 != bytes[index] {
      return false
    }
    return true
  }
}
