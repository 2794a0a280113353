import Foundation
import Testing

@testable import DriftData

@Suite struct DecimalParserTests {
  private func parse(_ text: String) -> Double? {
    var bytes = Array(text.utf8)
    bytes.append(0)
    return bytes.withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, $0.count - 1) }
  }

  private func reference(_ text: String) -> Double {
    strtod(text, nil)
  }

  private func expectSame(_ text: String) {
    let ours = parse(text)
    #expect(ours?.bitPattern == reference(text).bitPattern, "\(text)")
  }

  @Test(arguments: [
    "0", "-0", "+0", "0.0", "-0.0e10", "1", "-1", "12345", ".5", "5.", "1e22", "1e23", "1e-22",
    "1e-23", "9007199254740992", "9007199254740993", "123456789012345678901234567890",
    "0.1", "0.2", "0.30000000000000004", "2.2250738585072014e-308", "4.9e-324", "2e-324",
    "1.7976931348623157e308", "1.8e308", "1e400", "-1e-400", "00012.5000", "3.14159265358979323846",
    "1E5", "1e+05", "1e-0", "0.000000000000000000000000000001",
    "123456789012345678.9", "1234567890123456789012e-22",
  ])
  func knownValues(text: String) {
    expectSame(text)
  }

  @Test(arguments: [
    "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1-2", "0x10", "inf", "nan", " 1", "1 ", "--1",
  ])
  func rejectsNonNumbers(text: String) {
    #expect(parse(text) == nil, "\(text)")
  }

  /// Random doubles printed in several styles parse to the same bits as strtod.
  @Test func randomDoublesMatchStrtod() {
    var random = SeededRandom(seed: 42)
    let formats = ["%.17g", "%.6g", "%.15e", "%.3f", "%.9g", "%.1e", "%.20g"]
    for _ in 0..<40_000 {
      let bits = random.next()
      var value = Double(bitPattern: bits)
      if !value.isFinite { value = Double(bits % 1_000_000) / 7 }
      if random.next() % 2 == 0 {
        value = Double(Int64(bitPattern: random.next()) % 10_000_000) / 1000
      }
      for format in formats {
        expectSame(String(format: format, value))
      }
    }
  }

  /// Random digit strings: long mantissas, leading and trailing zeros, wide exponents.
  @Test func randomDigitStringsMatchStrtod() {
    var random = SeededRandom(seed: 7)
    for _ in 0..<100_000 {
      var text = random.next() % 4 == 0 ? "-" : ""
      let digits = Int(random.next() % 30) + 1
      let point = Int(random.next() % UInt64(digits + 2))
      for index in 0..<digits {
        if index == point { text += "." }
        text += String(random.next() % 10)
      }
      if random.next() % 3 == 0 {
        let exponent = Int(random.next() % 700) - 350
        text += "e\(exponent)"
      }
      expectSame(text)
    }
  }
}
