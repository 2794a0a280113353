import Foundation
import Testing

@testable import DriftStats

/// ``HugePages``: the arrays it builds equal the plain ones, and the advice reaches the kernel
/// (the mapping that holds an advised buffer carries the `hg` flag in `/proc/self/smaps`).
@Suite struct HugePagesTests {
  /// The VmFlags of the mapping that contains `address`, from /proc/self/smaps (nil elsewhere).
  static func flags(at address: UInt) -> [String]? {
    // Read to the end: procfs reports a size of 0, which a whole-file read may trust.
    guard let file = FileHandle(forReadingAtPath: "/proc/self/smaps") else { return nil }
    let smaps = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
    var inside = false
    for line in smaps.split(separator: "\n") {
      let fields = line.split(separator: " ")
      if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
        let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
        inside = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
      } else if inside, fields.first == "VmFlags:" {
        return fields.dropFirst().map(String.init)
      }
    }
    return nil
  }

  @Test func zerosEqualThePlainArray() {
    for count in [0, 1, 1000, 300_000, 1_100_000] {
      #expect(HugePages.zeros(count: count) == [Double](repeating: 0, count: count))
    }
  }

  @Test func adviceReachesTheKernel() throws {
    #if os(Linux)
      let mode = try? String(
        contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
      var values: [Double] = []
      values.reserveCapacity(3 << 20)  // 24 MiB: several whole huge pages inside
      HugePages.adviseCapacity(&values)
      values.append(contentsOf: (0..<1000).map(Double.init))
      let (start, end) = values.withUnsafeBufferPointer { buffer in
        let start = UInt(bitPattern: buffer.baseAddress)
        return (start, start + UInt(values.capacity * 8))
      }
      #expect(values == (0..<1000).map(Double.init))
      let size = UInt(HugePages.size)
      let firstWhole = (start + size - 1) / size * size
      guard let mode, mode.contains("[madvise]") || mode.contains("[always]") else { return }
      let inside = try #require(Self.flags(at: firstWhole + 4096))
      #expect(inside.contains("hg"))
      #expect(end > firstWhole + size)
    #endif
  }
}
