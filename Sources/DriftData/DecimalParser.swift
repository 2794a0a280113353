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
    var index = 0
    var negative = false
    if count > 0 && (start[0] == UInt8(ascii: "-") || start[0] == UInt8(ascii: "+")) {
      negative = start[0] == UInt8(ascii: "-")
      index = 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var exponent = 0
    var truncated = false
    var sawDigit = false
    while index < count {
      let digit = start[index] &- UInt8(ascii: "0")
      if digit > 9 { break }
      sawDigit = true
      if significant < 19 {
        if mantissa != 0 || digit != 0 {
          mantissa = mantissa &* 10 &+ UInt64(digit)
          significant += 1
        }
      } else {
        exponent += 1
        if digit != 0 { truncated = true }
      }
      index += 1
    }
    if index < count && start[index] == UInt8(ascii: ".") {
      index += 1
      while index < count {
        let digit = start[index] &- UInt8(ascii: "0")
        if digit > 9 { break }
        sawDigit = true
        if significant < 19 {
          if mantissa != 0 || digit != 0 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            significant += 1
          }
          exponent -= 1
        } else if digit != 0 {
          truncated = true
        }
        index += 1
      }
    }
    guard sawDigit else { return nil }
    if index < count && (start[index] | 0x20) == UInt8(ascii: "e") {
      index += 1
      var exponentNegative = false
      if index < count && (start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+")) {
        exponentNegative = start[index] == UInt8(ascii: "-")
        index += 1
      }
      var written = 0
      var sawExponentDigit = false
      while index < count {
        let digit = start[index] &- UInt8(ascii: "0")
        if digit > 9 { break }
        sawExponentDigit = true
        // Beyond a million the value is 0 or infinity anyway; strtod decides below.
        if written < 1_000_000 { written = written * 10 + Int(digit) }
        index += 1
      }
      guard sawExponentDigit else { return nil }
      exponent += exponentNegative ? -written : written
    }
    guard index == count else { return nil }
    if mantissa == 0 && !truncated { return negative ? -0.0 : 0.0 }
    if !truncated && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      let value = Double(mantissa)
      let scaled =
        exponent >= 0 ? value * exactPowers[exponent] : value / exactPowers[-exponent]
      return negative ? -scaled : scaled
    }
    return slowPath(start, count)
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
