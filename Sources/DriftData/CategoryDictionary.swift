#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps category labels, given as byte slices, to dense codes in first-appearance order.
///
/// Lookups hash the bytes and compare them against an arena of the labels seen so far, so a
/// repeated label costs no allocation; only the end of a read turns labels into `String`s.
struct CategoryDictionary {
  /// Label bytes, back to back.
  private var arena: [UInt8] = []
  /// Start of each code's label in `arena`; one extra entry marks the end of the last.
  private var offsets: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Open-addressing table of codes (-1 empty), a power of two in size, at most half full.
  private var slots: [Int32] = Array(repeating: -1, count: 16)

  /// Number of distinct labels.
  var count: Int { hashes.count }

  /// The code of the label, inserting it if it is new.
  @inline(__always)
  mutating func code(_ start: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
    let hash = Self.hash(start, length)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let code = slots[slot]
      if code < 0 { break }
      if hashes[Int(code)] == hash && equals(Int(code), start, length) { return code }
      slot = (slot + 1) & mask
    }
    let code = Int32(truncatingIfNeeded: hashes.count)
    hashes.append(hash)
    arena.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
    offsets.append(arena.count)
    slots[slot] = code
    if hashes.count * 2 > slots.count { grow() }
    return code
  }

  /// Calls `body` with the bytes of the label for `code`.
  func withLabel<R>(_ code: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
    arena.withUnsafeBufferPointer { buffer in
      let start = offsets[code]
      // A label may be empty; a buffer base address is only nil for an empty arena.
      let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1).unsafelyUnwrapped
      return body(base + start, offsets[code + 1] - start)
    }
  }

  /// The labels as strings, indexed by code. Labels were checked to be UTF-8 on the way in.
  func labels() -> [String] {
    (0..<count).map { code in
      withLabel(code) { start, length in
        String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
      }
    }
  }

  private func equals(_ code: Int, _ start: UnsafePointer<UInt8>, _ length: Int) -> Bool {
    let labelStart = offsets[code]
    guard offsets[code + 1] - labelStart == length else { return false }
    if length == 0 { return true }
    return arena.withUnsafeBufferPointer { buffer in
      // Non-empty label, so the arena is non-empty and has a base address.
      memcmp(buffer.baseAddress.unsafelyUnwrapped + labelStart, start, length) == 0
    }
  }

  private mutating func grow() {
    var bigger = [Int32](repeating: -1, count: slots.count * 2)
    let mask = bigger.count - 1
    for code in 0..<hashes.count {
      var slot = Int(truncatingIfNeeded: hashes[code]) & mask
      while bigger[slot] >= 0 { slot = (slot + 1) & mask }
      bigger[slot] = Int32(truncatingIfNeeded: code)
    }
    slots = bigger
  }

  /// A fast 64-bit hash of a short byte string: eight bytes at a time, multiply-xor mixing.
  @inline(__always)
  static func hash(_ start: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash = UInt64(truncatingIfNeeded: length) &* multiplier
    var index = 0
    let raw = UnsafeRawPointer(start)
    while index + 8 <= length {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      hash = (hash ^ word) &* multiplier
      hash ^= hash >> 29
      index += 8
    }
    if index < length {
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while index < length {
        tail |= UInt64(start[index]) << shift
        shift += 8
        index += 1
      }
      hash = (hash ^ tail) &* multiplier
      hash ^= hash >> 29
    }
    hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return hash ^ (hash >> 32)
  }
}
