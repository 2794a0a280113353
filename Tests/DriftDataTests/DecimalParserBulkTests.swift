import Foundation
import Synchronization
import Testing

@testable import DriftData

/// Ten million seeded texts parsed by `DecimalParser` and by `strtod`: the bits must match.
///
/// The work is cut into chunks that run on every core (`concurrentPerform`); each chunk has its
/// own seed, so a failure names the text and is reproducible whatever the core count.
@Suite struct DecimalParserBulkTests {
  private static let total = 10_000_000
  private static let chunks = 16

  @Test func tenMillionTextsMatchStrtod() {
    let failures = Mutex<[String]>([])
    let checked = Mutex(0)
    let perChunk = Self.total / Self.chunks
    DispatchQueue.concurrentPerform(iterations: Self.chunks) { chunk in
      let capacity = 512
      let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      defer { buffer.deallocate() }
      var generator = DecimalTextGenerator(
        seed: 0x5EED_0000 + UInt64(chunk), buffer: buffer, capacity: capacity)
      let kinds = DecimalTextGenerator.Kind.allCases
      var local: [String] = []
      for index in 0..<perChunk {
        // Half the texts are shortest round-trip doubles (what real data holds).
        let kind = index % 2 == 0 ? kinds[index / 2 % 2] : kinds[index / 2 % kinds.count]
        let length = generator.next(kind)
        let ours = DecimalParser.parse(UnsafePointer(buffer), length)
        let reference = buffer.withMemoryRebound(to: CChar.self, capacity: length + 1) {
          strtod($0, nil)
        }
        if ours?.bitPattern != reference.bitPattern && local.count < 20 {
          local.append(
            String(decoding: UnsafeBufferPointer(start: buffer, count: length), as: UTF8.self))
        }
      }
      failures.withLock { $0 += local }
      checked.withLock { $0 += perChunk }
    }
    #expect(checked.withLock { $0 } == Self.total)
    let found = failures.withLock { $0 }
    #expect(found.isEmpty, "differs from strtod: \(found.prefix(20))")
  }

  /// The generator really makes each kind of text (a check that the bulk test tests something).
  @Test func generatorCoversEachKind() {
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 512)
    defer { buffer.deallocate() }
    var generator = DecimalTextGenerator(seed: 1, buffer: buffer, capacity: 512)
    var longest = 0
    var sawSubnormal = false
    var sawInfinity = false
    var sawZeroFromUnderflow = false
    var sawTie = false
    for kind in DecimalTextGenerator.Kind.allCases {
      for _ in 0..<2000 {
        let length = generator.next(kind)
        let text = String(
          decoding: UnsafeBufferPointer(start: buffer, count: length), as: UTF8.self)
        let value = strtod(text, nil)
        longest = max(longest, text.filter(\.isNumber).count)
        if value != 0 && abs(value) < Double.leastNormalMagnitude { sawSubnormal = true }
        if value.isInfinite { sawInfinity = true }
        if value == 0 && text.contains(where: { "123456789".contains($0) }) {
          sawZeroFromUnderflow = true
        }
        if kind == .halfway && !text.contains("9") && !text.hasSuffix("1") { sawTie = true }
      }
    }
    #expect(longest >= 40)
    #expect(sawSubnormal && sawInfinity && sawZeroFromUnderflow && sawTie)
  }
}
