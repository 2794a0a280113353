import Foundation
import Testing

@testable import DriftStats

/// GSL's matrix products run on OpenBLAS (linked ahead of GSL's reference CBLAS) on one thread,
/// and the multivariate figures come out the same bits every time.
@Suite struct BlasBackendTests {
  /// The library that the process's `cblas_dsyrk` (what GSL calls) comes from: the mapping in
  /// /proc/self/maps that holds the address `dlsym` finds.
  private func providerOfDsyrk() throws -> String? {
    GSL.prepare()
    // The main program's handle searches the global scope, in the order GSL's calls bind.
    guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "cblas_dsyrk") else {
      Issue.record("cblas_dsyrk not found: \(dlerror().map { String(cString: $0) } ?? "")")
      return nil
    }
    let address = UInt(bitPattern: symbol)
    // Read to the end: /proc files report a size of 0, so a sized read would see nothing.
    let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
    let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    for line in maps.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      let range = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
      if fields.count >= 6, range.count == 2, range[0] <= address, address < range[1] {
        return String(fields[5])
      }
    }
    return nil
  }

  @Test func gslProductsRunOnOpenBLAS() throws {
    let library = try #require(try providerOfDsyrk())
    #expect(library.contains("openblas"), "cblas_dsyrk comes from \(library)")
    #expect(GSL.blasCore != "unknown")
  }

  /// The same fit, at 1, 2 and 4 threads and twice each, gives the same bits.
  @Test func principalComponentsBitIdenticalAtEveryThreadCount() throws {
    var random = SplitMix(seed: 11)
    let rows = 30_000
    let columns = 24
    var values = [Double](repeating: 0, count: rows * columns)
    for row in 0..<rows {
      let shared = random.unit()
      for column in 0..<columns {
        values[row * columns + column] = shared * Double(column % 5) + random.unit()
      }
    }
    let x = DesignMatrix(rows: rows, columns: columns, values: values)
    var seen: [[UInt64]] = []
    for threads in [1, 2, 4, 1, 2, 4] {
      let fit = try PrincipalComponents.fit(x, varianceShare: 0.9, threads: threads)
      let projection = fit.project(x, threads: threads)
      seen.append(fit.components.map(\.bitPattern) + projection.errors.map(\.bitPattern))
    }
    #expect(seen.allSatisfy { $0 == seen[0] })
  }
}

/// A small seeded generator for this file (values in [0, 1)).
private struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func unit() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
  }
}
