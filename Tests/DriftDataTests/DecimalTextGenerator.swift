import Foundation

/// Writes seeded decimal texts of the kinds that trip float parsers into a byte buffer, for the
/// bulk comparison of `DecimalParser` with `strtod`.
struct DecimalTextGenerator {
  /// The kinds of text, chosen in turn.
  enum Kind: CaseIterable {
    /// Shortest round-trip text of a random double, as Python and Swift print it.
    case shortestRandomBits
    /// Shortest round-trip text of a data-like value (magnitudes 1e-3 to 1e6).
    case shortestDataLike
    /// 19 to 40 significant digits, the point anywhere, an optional exponent.
    case longMantissa
    /// Zero runs before, inside or after the significant digits.
    case zeroRuns
    /// Exponents near the ends of the range: overflow, underflow, the smallest subnormals.
    case exponentLimits
    /// Shortest and 17-digit text of subnormals.
    case subnormal
    /// Exact halfway points between two doubles (integers and short fractions), and their
    /// neighbours a tiny step above and below.
    case halfway
  }

  private var random: SeededRandom
  private let buffer: UnsafeMutablePointer<UInt8>
  private let capacity: Int
  private(set) var count = 0

  init(seed: UInt64, buffer: UnsafeMutablePointer<UInt8>, capacity: Int) {
    random = SeededRandom(seed: seed)
    self.buffer = buffer
    self.capacity = capacity
  }

  /// Writes the next text of `kind` (NUL-terminated) and returns its length.
  mutating func next(_ kind: Kind) -> Int {
    count = 0
    if random.next() % 8 == 0 { append("-") }
    switch kind {
    case .shortestRandomBits:
      var value = Double(bitPattern: random.next() & ~(1 << 63))
      if !value.isFinite { value = Double(bitPattern: random.next() >> 2) }
      append(value.description)
    case .shortestDataLike:
      let magnitude = pow(10.0, Double(Int(random.next() % 10)) - 3)
      append((Double(random.next() >> 11) / Double(1 << 53) * magnitude).description)
    case .longMantissa:
      let digits = 19 + Int(random.next() % 22)
      appendDigits(digits, pointAt: Int(random.next() % UInt64(digits + 1)))
      if random.next() % 2 == 0 { append("e\(Int(random.next() % 660) - 330)") }
    case .zeroRuns:
      zeroRun()
    case .exponentLimits:
      let digits = 1 + Int(random.next() % 20)
      appendDigits(digits, pointAt: 1)
      let edges = [-343, -342, -326, -325, -324, -323, -308, -307, 306, 307, 308, 309, 310]
      append("e\(edges[Int(random.next() % UInt64(edges.count))] + Int(random.next() % 5) - 2)")
    case .subnormal:
      let value = Double(bitPattern: random.next() % (1 << 52))
      append(random.next() % 2 == 0 ? value.description : String(format: "%.17g", value))
    case .halfway:
      halfway()
    }
    buffer[count] = 0
    return count
  }

  private mutating func append(_ text: String) {
    for byte in text.utf8 where count < capacity - 1 {
      buffer[count] = byte
      count += 1
    }
  }

  private mutating func appendByte(_ byte: UInt8) {
    if count < capacity - 1 {
      buffer[count] = byte
      count += 1
    }
  }

  /// `digits` random digits, the first nonzero, with a point before index `pointAt`.
  private mutating func appendDigits(_ digits: Int, pointAt point: Int) {
    for index in 0..<digits {
      if index == point { appendByte(UInt8(ascii: ".")) }
      let digit = index == 0 ? 1 + random.next() % 9 : random.next() % 10
      appendByte(UInt8(ascii: "0") + UInt8(digit))
    }
  }

  private mutating func zeroRun() {
    let zeros = String(repeating: "0", count: 1 + Int(random.next() % 40))
    let head = String(1 + random.next() % 999_999)
    let tail = String(random.next() % 1_000_000)
    switch random.next() % 5 {
    case 0: append("0.\(zeros)\(head)")
    case 1: append("\(head)\(zeros)\(tail)")
    case 2: append("\(head).\(zeros)\(tail)")
    case 3: append("\(zeros)\(head).\(tail)\(zeros)")
    default: append("\(head)\(zeros)e-\(random.next() % 360)")
    }
  }

  /// Halfway points `(2m + 1) * 2^k` that have short exact decimals: integers below 2^64 and
  /// fractions with up to four binary places (`(2m + 1) * 5^j / 10^j`).
  private mutating func halfway() {
    let odd = (1 << 53) | (random.next() & ((1 << 53) - 1)) | 1  // 54 significant bits, odd
    let scale = Int(random.next() % 14) - 4  // 2^-4 ... 2^9
    var digits: String
    var exponent = 0
    if scale >= 0 {
      digits = String(odd << UInt64(scale))
    } else {
      var power: UInt64 = 1
      for _ in 0 ..< -scale { power *= 5 }
      digits = String(odd * power)
      exponent = scale
    }
    if random.next() % 4 == 0 {
      digits += "000"
      exponent -= 3
    }
    switch random.next() % 3 {
    case 0: break
    case 1:
      // A hair above: more digits after the exact ones.
      let extra = String(repeating: "0", count: Int(random.next() % 12)) + "1"
      digits += extra
      exponent -= extra.count
    default:
      // A hair below: the last digit lowered and nines after it (when it is not zero).
      if let last = digits.last, let value = last.wholeNumberValue, value > 0 {
        let nines = String(repeating: "9", count: 1 + Int(random.next() % 12))
        digits.removeLast()
        digits += String(value - 1) + nines
        exponent -= nines.count
      }
    }
    append(exponent == 0 ? digits : "\(digits)e\(exponent)")
  }
}
