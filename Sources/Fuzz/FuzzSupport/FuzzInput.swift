/// Takes typed values off the front of a fuzz input; once the bytes run out every value is zero.
public struct FuzzInput {
  private let bytes: [UInt8]
  private var next = 0

  /// Wraps libFuzzer's buffer.
  public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  }

  /// One byte.
  public mutating func byte() -> UInt8 {
    guard next < bytes.count else { return 0 }
    defer { next += 1 }
    return bytes[next]
  }

  /// A number in `0..<bound` (bound > 0) from up to eight bytes.
  public mutating func int(below bound: Int) -> Int {
    var value: UInt64 = 0
    var range = UInt64(bound - 1)
    while range > 0 {
      value = value << 8 | UInt64(byte())
      range >>= 8
    }
    return Int(value % UInt64(bound))
  }

  /// A flag.
  public mutating func bool() -> Bool { byte() & 1 == 1 }

  /// Any double, NaN, infinities and subnormals included: eight raw bytes.
  public mutating func double() -> Double {
    var pattern: UInt64 = 0
    for _ in 0..<8 { pattern = pattern << 8 | UInt64(byte()) }
    return Double(bitPattern: pattern)
  }

  /// Text of up to 255 bytes, invalid UTF-8 repaired, control characters and all.
  public mutating func string() -> String {
    let count = Int(byte())
    let end = min(next + count, bytes.count)
    defer { next = end }
    return String(decoding: bytes[min(next, end)..<end], as: UTF8.self)
  }
}
