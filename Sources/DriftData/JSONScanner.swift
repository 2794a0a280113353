/// A JSON syntax problem at a byte position of the line being scanned.
///
/// `Error` requires `Sendable`, which pointers are not, so the position is kept as an address;
/// the error never leaves the chunk parser that scanned the line, where the bytes stay mapped.
struct JSONSyntaxError: Error {
  private let address: UInt
  /// What is wrong.
  var message: String

  init(position: UnsafePointer<UInt8>, message: String) {
    address = UInt(bitPattern: position)
    self.message = message
  }

  /// Where the problem starts.
  var position: UnsafePointer<UInt8> {
    // Made from a valid pointer in init, so the address is never zero.
    UnsafePointer(bitPattern: address).unsafelyUnwrapped
  }
}

/// A byte-level scanner over one line of JSON: strings, numbers, literals, punctuation.
///
/// It checks the full JSON grammar for what it scans (string escapes including surrogate pairs,
/// control characters, number syntax) without building any values; decoding of string escapes
/// happens separately and only for strings that are kept.
struct JSONScanner {
  /// Next byte to read.
  var p: UnsafePointer<UInt8>
  /// End of the line (exclusive; the newline is not part of it).
  let end: UnsafePointer<UInt8>

  /// Skips spaces, tabs and carriage returns.
  @inline(__always)
  mutating func skipWhitespace() {
    while p < end && (p[0] == 0x20 || p[0] == 0x09 || p[0] == 0x0D) { p += 1 }
  }

  /// The next byte, or 0 at the end of the line.
  @inline(__always)
  var current: UInt8 { p < end ? p[0] : 0 }

  /// Consumes `byte` or fails with `message`.
  @inline(__always)
  mutating func expect(_ byte: UInt8, _ message: @autoclosure () -> String)
    throws(JSONSyntaxError)
  {
    guard p < end && p[0] == byte else { throw JSONSyntaxError(position: p, message: message()) }
    p += 1
  }

  /// Scans a string starting at its opening quote; returns the raw contents between the quotes
  /// and whether they contain escapes.
  @inline(__always)
  mutating func scanString() throws(JSONSyntaxError) -> (
    start: UnsafePointer<UInt8>, count: Int, escaped: Bool
  ) {
    let opening = p
    p += 1
    let start = p
    var escaped = false
    while true {
      guard p < end else {
        throw JSONSyntaxError(position: opening, message: "string is not closed on this line")
      }
      let byte = p[0]
      if byte == UInt8(ascii: "\"") { break }
      if byte < 0x20 {
        throw JSONSyntaxError(
          position: p, message: "control character in a string; write it as an escape like \\n")
      }
      if byte == UInt8(ascii: "\\") {
        escaped = true
        try scanEscape()
        continue
      }
      p += 1
    }
    let count = p - start
    p += 1
    return (start, count, escaped)
  }

  private mutating func scanEscape() throws(JSONSyntaxError) {
    let escape = p
    guard p + 1 < end else { throw JSONSyntaxError(position: escape, message: "unfinished escape") }
    switch p[1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      p += 2
    case UInt8(ascii: "u"):
      let unit = try hexUnit(at: p)
      p += 6
      if unit >= 0xDC00 && unit <= 0xDFFF {
        throw JSONSyntaxError(position: escape, message: "\\u escape is a lone low surrogate")
      }
      if unit >= 0xD800 && unit <= 0xDBFF {
        let unpaired = JSONSyntaxError(
          position: escape, message: "\\u escape is a high surrogate without its low half")
        guard p + 1 < end, p[0] == UInt8(ascii: "\\"), p[1] == UInt8(ascii: "u") else {
          throw unpaired
        }
        let low = try hexUnit(at: p)
        guard low >= 0xDC00 && low <= 0xDFFF else { throw unpaired }
        p += 6
      }
    default:
      throw JSONSyntaxError(
        position: escape, message: "unknown escape \\\(Character(Unicode.Scalar(p[1])))")
    }
  }

  /// The value of the four hex digits after `\u` at `escape`.
  private func hexUnit(at escape: UnsafePointer<UInt8>) throws(JSONSyntaxError) -> UInt32 {
    guard escape + 6 <= end else {
      throw JSONSyntaxError(position: escape, message: "\\u escape needs four hex digits")
    }
    var value: UInt32 = 0
    for offset in 2..<6 {
      let byte = escape[offset]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default:
        throw JSONSyntaxError(position: escape, message: "\\u escape needs four hex digits")
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// Scans a number per the JSON grammar; returns its bytes.
  @inline(__always)
  mutating func scanNumber() throws(JSONSyntaxError) -> (start: UnsafePointer<UInt8>, count: Int) {
    let start = p
    if current == UInt8(ascii: "-") { p += 1 }
    if current == UInt8(ascii: "0") {
      p += 1
    } else if current &- UInt8(ascii: "1") < 9 {
      while current &- UInt8(ascii: "0") < 10 { p += 1 }
    } else {
      throw JSONSyntaxError(position: start, message: "invalid number")
    }
    if current == UInt8(ascii: ".") {
      p += 1
      guard current &- UInt8(ascii: "0") < 10 else {
        throw JSONSyntaxError(position: start, message: "invalid number: digits must follow '.'")
      }
      while current &- UInt8(ascii: "0") < 10 { p += 1 }
    }
    if current | 0x20 == UInt8(ascii: "e") {
      p += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { p += 1 }
      guard current &- UInt8(ascii: "0") < 10 else {
        throw JSONSyntaxError(position: start, message: "invalid number: exponent has no digits")
      }
      while current &- UInt8(ascii: "0") < 10 { p += 1 }
    }
    return (start, p - start)
  }

  /// Consumes `true`, `false` or `null`; returns its bytes.
  mutating func scanLiteral(_ word: StaticString) throws(JSONSyntaxError) -> (
    start: UnsafePointer<UInt8>, count: Int
  ) {
    let start = p
    let count = word.utf8CodeUnitCount
    guard end - p >= count else {
      throw JSONSyntaxError(position: start, message: "expected a JSON value")
    }
    for index in 0..<count where p[index] != word.utf8Start[index] {
      throw JSONSyntaxError(position: start, message: "expected a JSON value")
    }
    p += count
    return (start, count)
  }

  /// Appends the decoded contents of a string with escapes (already validated) to `out`.
  static func decode(_ start: UnsafePointer<UInt8>, _ count: Int, into out: inout [UInt8]) {
    var index = 0
    func hex(_ at: Int) -> UInt32 {
      var value: UInt32 = 0
      for offset in 0..<4 {
        let byte = start[at + offset] | 0x20
        value = value << 4 | UInt32(byte <= UInt8(ascii: "9") ? byte - 48 : byte - 87)
      }
      return value
    }
    while index < count {
      let byte = start[index]
      guard byte == UInt8(ascii: "\\") else {
        out.append(byte)
        index += 1
        continue
      }
      let kind = start[index + 1]
      index += 2
      switch kind {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = hex(index)
        index += 4
        if scalar >= 0xD800 && scalar <= 0xDBFF {
          let low = hex(index + 2)
          index += 6
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        // Surrogates were paired by the scanner, so the scalar is valid.
        out.append(
          contentsOf: UTF8.encode(Unicode.Scalar(scalar).unsafelyUnwrapped).unsafelyUnwrapped)
      default: out.append(kind)
      }
    }
  }
}
