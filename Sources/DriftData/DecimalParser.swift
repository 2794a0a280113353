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
/// Fast path (Clinger): when the significant digits fit in an integer below 2^53 and the
/// decimal exponent is within ±22, both the integer and the power of ten are exact doubles, so
/// one IEEE multiply or divide gives the correctly rounded result. Anything else goes to `strtod`.
enum DecimalParser {
  /// Powers of ten that are exact in a `Double`.
  private static let exactPowers: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

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
    // Accumulate every digit; with at most 19 of them the integer is exact in 64 bits
    // (leading zeros add nothing). Longer digit strings go to strtod.
    var mantissa: UInt64 = 0
    let digitsStart = p
    while p < stop {
      let digit = p[0] &- UInt8(ascii: "0")
      if digit > 9 { break }
      mantissa = mantissa &* 10 &+ UInt64(digit)
      p += 1
    }
    var digits = p - digitsStart
    var exponent = 0
    if p < stop && p[0] == UInt8(ascii: ".") {
      p += 1
      let fractionStart = p
      while p < stop {
        let digit = p[0] &- UInt8(ascii: "0")
        if digit > 9 { break }
        mantissa = mantissa &* 10 &+ UInt64(digit)
        p += 1
      }
      exponent = fractionStart - p
      digits += p - fractionStart
    }
    let sawDigit = digits > 0
    let truncated = digits > 19
    guard sawDigit else { return nil }
    if p < stop && (p[0] | 0x20) == UInt8(ascii: "e") {
      p += 1
      var exponentNegative = false
      if p < stop && (p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+")) {
        exponentNegative = p[0] == UInt8(ascii: "-")
        p += 1
      }
      var written = 0
      let exponentStart = p
      while p < stop {
        let digit = p[0] &- UInt8(ascii: "0")
        if digit > 9 { break }
        // Beyond a million the value is 0 or infinity anyway; strtod decides below.
        if written < 1_000_000 { written = written * 10 + Int(digit) }
        p += 1
      }
      guard p != exponentStart else { return nil }
      exponent += exponentNegative ? -written : written
    }
    if mantissa == 0 && !truncated { return (negative ? -0.0 : 0.0, p) }
    if !truncated && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      let value = Double(mantissa)
      let scaled =
        exponent >= 0 ? value * exactPowers[exponent] : value / exactPowers[-exponent]
      return (negative ? -scaled : scaled, p)
    }
    return (slowPath(start, p - start), p)
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
