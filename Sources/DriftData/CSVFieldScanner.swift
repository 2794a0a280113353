/// Finds where a CSV field's text ends, eight bytes at a time.
///
/// Word at a time (SWAR): each byte of a 64-bit load is XOR-ed with the byte sought, broadcast
/// to all eight lanes, which turns the bytes that match into zero bytes. `(x - 0x01..) & ~x &
/// 0x80..` sets the high bit of every zero byte of `x`; it may also set it in a byte above a zero
/// byte (the subtraction's borrow runs upward), never below, so the lowest set bit, and with it
/// the first match, is exact, and so is the lowest bit of the OR of several such masks. Loads
/// are unaligned and stay inside `[start, stop)`: the last seven bytes or fewer are read one at
/// a time.
struct CSVFieldScanner {
  /// The field separator in every byte.
  private let delimiters: UInt64
  /// The field separator.
  let delimiter: UInt8

  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highBits: UInt64 = 0x8080_8080_8080_8080
  private static let quotes: UInt64 = 0x2222_2222_2222_2222
  private static let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
  private static let returns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
  private static let quote = UInt8(ascii: "\"")

  /// A scanner for fields separated by `delimiter`.
  init(delimiter: UInt8) {
    self.delimiter = delimiter
    delimiters = UInt64(delimiter) &* Self.ones
  }

  /// The high bit of each byte of `word` that is zero (and perhaps of bytes above one).
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- ones) & ~word & highBits
  }

  /// The end of the unquoted field at `start`: the first delimiter, line feed, double quote or
  /// carriage return followed by a line feed at or after `start`, or `stop`.
  ///
  /// A carriage return not followed by a line feed is part of the field, as in the byte loop
  /// this replaces.
  @inline(__always)
  func unquotedEnd(
    _ start: UnsafePointer<UInt8>, _ stop: UnsafePointer<UInt8>
  ) -> UnsafePointer<UInt8> {
    var p = start
    while stop - p >= 8 {
      // First byte in the low bits, whatever the machine's byte order.
      let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
      let found =
        Self.zeroBytes(word ^ delimiters) | Self.zeroBytes(word ^ Self.newlines)
        | Self.zeroBytes(word ^ Self.quotes) | Self.zeroBytes(word ^ Self.returns)
      if found == 0 {
        p += 8
        continue
      }
      p += found.trailingZeroBitCount &>> 3
      if p[0] == 13 && p[0] != delimiter && !(p + 1 < stop && p[1] == 10) {
        p += 1  // a lone carriage return is text
        continue
      }
      return p
    }
    while p < stop {
      let byte = p[0]
      if byte == delimiter || byte == 10 || byte == Self.quote { break }
      if byte == 13 && p + 1 < stop && p[1] == 10 { break }
      p += 1
    }
    return p
  }

  /// The first double quote or line feed at or after `start` inside a quoted field, or `stop`.
  @inline(__always)
  static func quoteOrNewline(
    _ start: UnsafePointer<UInt8>, _ stop: UnsafePointer<UInt8>
  ) -> UnsafePointer<UInt8> {
    var p = start
    while stop - p >= 8 {
      let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
      let found = zeroBytes(word ^ quotes) | zeroBytes(word ^ newlines)
      if found != 0 { return p + (found.trailingZeroBitCount &>> 3) }
      p += 8
    }
    while p < stop && p[0] != quote && p[0] != 10 { p += 1 }
    return p
  }
}
