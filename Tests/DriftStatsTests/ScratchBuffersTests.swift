import Testing

@testable import DriftStats

/// The lent working buffers (``ScratchBuffers``): lending itself, and the sort and `fligner`
/// through lent buffers that hold what an earlier borrower left, bit for bit against the same
/// work on fresh buffers.
@Suite struct ScratchBuffersTests {
  /// Nested borrowers get distinct buffers; a returned buffer is lent again (the same memory)
  /// when it is large enough, and a request larger than every idle buffer gets a new one.
  @Test func lendsDistinctBuffersAndReusesReturnedOnes() {
    let scratch = ScratchBuffers()
    let count = 300_000  // 2.4 MB: rounded up to whole huge pages
    var outer = 0
    var inner = 0
    scratch.withBuffer(count: count) { first in
      outer = Int(bitPattern: first)
      scratch.withBuffer(count: count) { second in inner = Int(bitPattern: second) }
    }
    #expect(outer != inner)
    // Both are idle now: a request of the same size (or a little more, inside the rounding)
    // takes one of them.
    let again = scratch.withBuffer(count: count + 1000) { Int(bitPattern: $0) }
    #expect(again == outer || again == inner)
    // Large buffers start on a huge-page boundary.
    #expect(again % HugePages.size == 0)
    // Larger than both: a new buffer.
    let larger = scratch.withBuffer(count: 4 * count) { Int(bitPattern: $0) }
    #expect(larger != outer && larger != inner)
    // Small requests work too, and slots written are read back.
    let sum = scratch.withBuffer(count: 3) { raw in
      let slots = raw.bindMemory(to: Double.self, capacity: 3)
      for index in 0..<3 { slots[index] = Double(index) + 0.5 }
      return slots[0] + slots[1] + slots[2]
    }
    #expect(sum == 4.5)
  }

  /// Columns of every shape sorted one after another with one set of buffers (larger and
  /// smaller columns mixed, so each sort's scratch holds the previous sort's keys), against
  /// the comparison sort of the keys.
  @Test func sortsThroughLentScratchMatchFreshScratch() {
    let scratch = ScratchBuffers()
    for shape in 0..<14 {
      for count in [40_000, 3_000, 20_001] {
        let values = KeySorterTests.column(shape, count + shape)
        let (lent, lentMissing, lentInfinite) = Sorting.sortedFinite(values, scratch: scratch)
        let (fresh, missing, infinite) = Sorting.sortedFinite(values)
        #expect(lent.map(\.bitPattern) == fresh.map(\.bitPattern), "\(shape) \(count)")
        #expect(lent.map(\.bitPattern) == KeySorterTests.reference(values.filter(\.isFinite)))
        #expect(lentMissing == missing && lentInfinite == infinite)
      }
    }
  }

  /// `fligner` with its deviations in lent buffers (the second and later calls reuse the
  /// first's, larger samples before smaller ones) against the array path and the plain
  /// formulation.
  @Test func flignerThroughLentBuffersMatchesArrays() throws {
    let scratch = ScratchBuffers()
    for shape in 0..<4 {
      for count in [9_000, 2, 501, 4_097] {
        let (baseline, target) = FlignerScoresTests.samples(shape: shape, count: count)
        let base = NumericSample(presorted: baseline)
        let window = NumericSample(presorted: target)
        let lent = try FlignerKilleen.test(base, window, cache: nil, scratch: scratch)
        let fresh = try FlignerKilleen.test(base, window, cache: nil)
        let (statistic, pValue) = FlignerKilleenSumTests.plainStatistic(baseline, target)
        #expect(lent.statistic.bitPattern == fresh.statistic.bitPattern, "\(shape) \(count)")
        #expect(lent.statistic.bitPattern == statistic.bitPattern)
        #expect(lent.pValue?.bitPattern == pValue.bitPattern)
        // The deviations written into a buffer equal the array's.
        let deviations = FlignerKilleen.absoluteDeviations(target)
        scratch.withBuffer(count: target.count) { raw in
          let out = raw.bindMemory(to: Double.self, capacity: target.count)
          FlignerKilleen.absoluteDeviations(target, into: out)
          let written = UnsafeBufferPointer(start: out, count: target.count)
          #expect(written.map(\.bitPattern) == deviations.map(\.bitPattern))
        }
      }
    }
  }
}
