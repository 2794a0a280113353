#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses decimal numbers from bytes, bit-identical to `strtod` on the same text.
///
/// Grammar: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`. No hex, no `inf`
/// or `nan` (the reader treats `NaN` and `nan` as missing before asking here). Values beyond the
/// range of `Double` come back as `strtod` returns them (infinity or zero).
///
/// Three steps, fastest first. Clinger: when the significant digits fit in an integer up to 2^53
/// and the decimal exponent is within ±22, the integer and the power of ten are exact doubles,
/// so one IEEE multiply or divide is correctly rounded. Otherwise Eisel-Lemire (`EiselLemire`)
/// on the first 19 significant digits: with more digits than that, the value lies between the
/// results for the 19-digit prefix and the prefix plus one, and when both round to the same
/// double that is the answer. What is left (ties beyond 19 digits, absurd exponents) goes to
/// `strtod`.
enum DecimalParser {
  /// Powers of ten that are exact in a `Double`.
  private static let exactPowers: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]
  /// Explicit exponents are read up to this magnitude; beyond it `strtod` decides.
  private static let exponentLimit = 1_000_000
  /// Nineteen significant digits have been read once the integer reaches 10^18.
  private static let nineteenDigits: UInt64 = 1_000_000_000_000_000_000

  /// The value of the `count` bytes at `start`, or nil if they are not a decimal number.
  @inline(__always)
  static func parse(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    guard let (value, end) = parsePrefix(start, start + count), end == start + count else {
      return nil
    }
    return value
  }

  /// The number at the start of `[start, stop)` and where it ends, or nil if the bytes do not
  /// begin with a complete number (no digits, or an exponent marker without digits).
  @inline(__always)
  static func parsePrefix(
    _ start: UnsafePointer<UInt8>, _ stop: UnsafePointer<UInt8>
  ) -> (Double, UnsafePointer<UInt8>)? {
    var p = start
    var negative = false
    if p < stop && (p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+")) {
      negative = p[0] == UInt8(ascii: "-")
      p += 1
    }
    // Accumulate every digit (wrapping); with at most 19 significant ones the integer is exact
    // in 64 bits (leading zeros add nothing). Longer digit strings are read again below.
    var mantissa: UInt64 = 0
    let integerStart = p
    while stop - p >= 8, let eight = eightDigits(p) {
      mantissa = mantissa &* 100_000_000 &+ eight
      p += 8
    }
    if stop - p >= 4, let four = fourDigits(p) {
      mantissa = mantissa &* 10_000 &+ four
      p += 4
    }
    while p < stop {
      let digit = p[0] &- UInt8(ascii: "0")
      if digit > 9 { break }
      mantissa = mantissa &* 10 &+ UInt64(digit)
      p += 1
    }
    let integerEnd = p
    var digits = p - integerStart
    var exponent = 0
    var fractionStart = p
    if p < stop && p[0] == UInt8(ascii: ".") {
      p += 1
      fractionStart = p
      while stop - p >= 8, let eight = eightDigits(p) {
        mantissa = mantissa &* 100_000_000 &+ eight
        p += 8
      }
      if stop - p >= 4, let four = fourDigits(p) {
        mantissa = mantissa &* 10_000 &+ four
        p += 4
      }
      while p < stop {
        let digit = p[0] &- UInt8(ascii: "0")
        if digit > 9 { break }
        mantissa = mantissa &* 10 &+ UInt64(digit)
        p += 1
      }
      exponent = fractionStart - p
      digits += p - fractionStart
    }
    let fractionEnd = p
    guard digits > 0 else { return nil }
    var written = 0
    var exponentOutOfRange = false
    if p < stop && (p[0] | 0x20) == UInt8(ascii: "e") {
      p += 1
      var exponentNegative = false
      if p < stop && (p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+")) {
        exponentNegative = p[0] == UInt8(ascii: "-")
        p += 1
      }
      let exponentStart = p
      while p < stop {
        let digit = p[0] &- UInt8(ascii: "0")
        if digit > 9 { break }
        if written < exponentLimit { written = written * 10 + Int(digit) }
        p += 1
      }
      guard p != exponentStart else { return nil }
      exponentOutOfRange = written >= exponentLimit
      if exponentNegative { written = -written }
      exponent += written
    }
    var truncated = false
    if digits > 19 {
      // Leading zeros (and the point between them) are not significant.
      var q = integerStart
      while q < fractionEnd && (q[0] == UInt8(ascii: "0") || q[0] == UInt8(ascii: ".")) {
        if q[0] == UInt8(ascii: "0") { digits -= 1 }
        q += 1
      }
      if digits > 19 {
        truncated = true
        (mantissa, exponent) = leadingNineteen(
          integer: integerStart, integerEnd, fraction: fractionStart, fractionEnd)
        exponent += written
      }
    }
    if mantissa == 0 { return (negative ? -0.0 : 0.0, p) }
    if exponentOutOfRange { return (slowPath(start, p - start), p) }
    if !truncated && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      let value = Double(mantissa)
      let scaled =
        exponent >= 0 ? value * exactPowers[exponent] : value / exactPowers[-exponent]
      return (negative ? -scaled : scaled, p)
    }
    if let bits = EiselLemire.bits(mantissa, exponent),
      !truncated || EiselLemire.bits(mantissa + 1, exponent) == bits
    {
      let value = Double(bitPattern: bits)
      return (negative ? -value : value, p)
    }
    return (slowPath(start, p - start), p)
  }

  /// The value of the eight ASCII digits at `p`, or nil when one of the bytes is not a digit.
  ///
  /// Word at a time (SWAR): a byte is a digit when its high nibble is 3 and adding 6 does not
  /// carry out of the low nibble. The eight digits then combine pairwise in three multiplies
  /// (tens into pairs, pairs into fours, fours into the eight) instead of a chain of eight
  /// multiply-adds; a run of digits is the common case in full-precision data.
  @inline(__always)
  private static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
    // First byte in the low bits, whatever the machine's byte order.
    let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    guard (word & high) | (((word &+ 0x0606_0606_0606_0606) & high) >> 4) == 0x3333_3333_3333_3333
    else { return nil }
    var value = word &- 0x3030_3030_3030_3030
    value = value &* 10 &+ (value >> 8)  // each 16-bit lane's low byte: a two-digit pair
    let pairs: UInt64 = 0x0000_00FF_0000_00FF
    value =
      (value & pairs) &* (100 &+ (1_000_000 << 32))
      &+ ((value >> 16) & pairs) &* (1 &+ (10_000 << 32))
    return value >> 32
  }

  /// The value of the four ASCII digits at `p`, or nil when one of the bytes is not a digit: the
  /// 32-bit form of ``eightDigits(_:)`` for the tail of a digit run (a 16-17 digit float leaves
  /// 4-7 digits after its first eight).
  @inline(__always)
  private static func fourDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
    let word = UInt32(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt32.self))
    let high: UInt32 = 0xF0F0_F0F0
    guard (word & high) | (((word &+ 0x0606_0606) & high) >> 4) == 0x3333_3333 else { return nil }
    var value = word &- 0x3030_3030
    value = value &* 10 &+ (value >> 8)  // bytes 0 and 2: the two two-digit pairs
    return UInt64((value & 0xFF) &* 100 &+ ((value >> 16) & 0xFF))
  }

  /// The first 19 significant digits of the integer and fraction digit runs as an integer, and
  /// the power of ten that scales it back (before the explicit exponent).
  private static func leadingNineteen(
    integer: UnsafePointer<UInt8>, _ integerEnd: UnsafePointer<UInt8>,
    fraction: UnsafePointer<UInt8>, _ fractionEnd: UnsafePointer<UInt8>
  ) -> (UInt64, Int) {
    var mantissa: UInt64 = 0
    var p = integer
    while p < integerEnd && mantissa < nineteenDigits {
      mantissa = mantissa * 10 + UInt64(p[0] &- UInt8(ascii: "0"))
      p += 1
    }
    if mantissa >= nineteenDigits { return (mantissa, integerEnd - p) }
    p = fraction
    while p < fractionEnd && mantissa < nineteenDigits {
      mantissa = mantissa * 10 + UInt64(p[0] &- UInt8(ascii: "0"))
      p += 1
    }
    return (mantissa, fraction - p)
  }

  /// Hands the text to `strtod`, which rounds correctly for any length and exponent.
  private static func slowPath(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
      let base = buffer.baseAddress.unsafelyUnwrapped  // capacity >= 1, so never nil
      UnsafeMutableRawPointer(base).copyMemory(from: start, byteCount: count)
      base[count] = 0
      return strtod(base, nil)
    }
  }
}
