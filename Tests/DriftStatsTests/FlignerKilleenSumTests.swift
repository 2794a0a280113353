import CGSL
import Foundation
import Testing

@testable import DriftStats

/// The Fligner-Killeen test's fast paths (sums of untied scores, the deviations' merge) against
/// the plain formulation, bit for bit.
@Suite struct FlignerKilleenSumTests {
  /// The test as first written: every group's three products added in full, the deviations
  /// sorted by a comparison sort.
  static func plainStatistic(_ baseline: [Double], _ target: [Double]) -> (Double, Double) {
    func deviations(_ sorted: [Double]) -> [Double] {
      let middle = sorted.count / 2
      let median =
        sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
      return sorted.map { abs($0 - median) }.sorted()
    }
    let x = deviations(baseline)
    let y = deviations(target)
    let total = Double(x.count + y.count)
    var sum1 = ExactSum()
    var sum2 = ExactSum()
    var squares = ExactSum()
    x.withUnsafeBufferPointer { x in
      y.withUnsafeBufferPointer { y in
        TieGroups.forEach(x, y) { group in
          let rank = Double(group.below) + Double(group.tied + 1) / 2
          let score = gsl_cdf_ugaussian_Pinv(0.5 + rank / (2 * (total + 1)))
          sum1.add(product: Double(group.count1), score)
          sum2.add(product: Double(group.count2), score)
          squares.add(product: Double(group.tied) * score, score)
        }
      }
    }
    let (n1, n2) = (Double(x.count), Double(y.count))
    let mean1 = sum1.value / n1
    let mean2 = sum2.value / n2
    let mean = (sum1.value + sum2.value) / total
    let variance = (squares.value - total * mean * mean) / (total - 1)
    guard variance > 0 else { return (0, 1) }
    let statistic =
      (n1 * (mean1 - mean) * (mean1 - mean) + n2 * (mean2 - mean) * (mean2 - mean))
      / variance
    return (statistic, min(max(gsl_cdf_chisq_Q(statistic, 1), 0), 1))
  }

  /// Untied full-precision values, heavy ties (small integers), a mix, unequal sizes.
  @Test(arguments: 0..<4, [2, 3, 10, 501, 4000])
  func sameBitsAsThePlainSums(shape: Int, count: Int) throws {
    var generator = SplitMix64(seed: UInt64(shape * 7919 + count))
    func value(_ side: Double) -> Double {
      switch shape {
      case 0: return KeySorterTests.normal(&generator) * side
      case 1: return Double(generator.next() % 7) * side
      case 2:
        return generator.next() % 3 == 0
          ? Double(generator.next() % 4) : KeySorterTests.normal(&generator) * side + 10
      default: return Double(Int64(bitPattern: generator.next()) % 1000) / 8 * side
      }
    }
    let baseline = (0..<count).map { _ in value(1) }.sorted()
    let target = (0..<(count + count / 3)).map { _ in value(1.3) }.sorted()
    let outcome = try FlignerKilleen.test(
      NumericSample(presorted: baseline), NumericSample(presorted: target))
    let (statistic, pValue) = Self.plainStatistic(baseline, target)
    #expect(outcome.statistic.bitPattern == statistic.bitPattern)
    #expect(outcome.pValue?.bitPattern == pValue.bitPattern)
  }

  /// Many seeded pairs of random sizes (2 to 3,000 values a side, equal and unequal) and shapes
  /// (untied, tied integers, a mix, coarse multiples, one side shifted or spread): the test's
  /// statistic and p-value have the plain formulation's bits on every pair.
  @Test(arguments: 0..<6)
  func manySizesMatchThePlainSums(shape: Int) throws {
    var generator = SplitMix64(seed: UInt64(1_000 + shape))
    var mismatches = 0
    for _ in 0..<60 {
      let n1 = 2 + Int(generator.next() % 3_000)
      let n2 = generator.next() % 4 == 0 ? n1 : 2 + Int(generator.next() % 3_000)
      func draw(_ spread: Double) -> Double {
        switch shape {
        case 0: return KeySorterTests.normal(&generator) * spread
        case 1: return Double(generator.next() % 5) * spread.rounded()
        case 2:
          return generator.next() % 4 == 0
            ? Double(generator.next() % 3) : KeySorterTests.normal(&generator) * spread
        case 3: return Double(Int64(generator.next() % 4_001) - 2_000) / 16 * spread
        case 4: return KeySorterTests.normal(&generator) * spread + 1e6
        default: return Double(generator.next() >> 11) * 0x1p-53 * spread - 0.5
        }
      }
      let baseline = (0..<n1).map { _ in draw(1) }.sorted()
      let target = (0..<n2).map { _ in draw(1 + Double(generator.next() % 3) / 4) }.sorted()
      let outcome = try FlignerKilleen.test(
        NumericSample(presorted: baseline), NumericSample(presorted: target))
      let (statistic, pValue) = Self.plainStatistic(baseline, target)
      if outcome.statistic.bitPattern != statistic.bitPattern
        || outcome.pValue?.bitPattern != pValue.bitPattern
      {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
  }

  /// The deviations' merge against sorting them, with an overflowing deviation above the median
  /// once the run below it is used up (the merge used to take an infinite stand-in from the
  /// empty side there and never end).
  @Test func deviationsMatchSortingThem() {
    let huge = Double.greatestFiniteMagnitude
    // Median -huge (an odd count: no middle pair to overflow), nothing below it.
    #expect(
      FlignerKilleen.absoluteDeviations([-huge, -huge, -huge, huge, huge])
        == [0, 0, 0, .infinity, .infinity])
    var generator = SplitMix64(seed: 99)
    for count in [1, 2, 3, 4, 5, 64, 1001, 5000] {
      let tied = (0..<count).map { _ in Double(generator.next() % 50) - 20 }
      let untied = (0..<count).map { _ in KeySorterTests.normal(&generator) + 0.3 }
      // One long tail; one side of the median all equal (a run of equal deviations against a
      // spread one); a far lower tail with a tied median (the back merge uses up the run below
      // the median after 30 % of the values and ends in the checked loop).
      let skewed = (0..<count).map { _ in exp(2 * KeySorterTests.normal(&generator)) }
      let oneSided = (0..<count).map { index in
        index.isMultiple(of: 2) ? 1 : 1 + abs(KeySorterTests.normal(&generator))
      }
      let farBelow = (0..<count).map { index -> Double in
        switch index % 10 {
        case 0..<3: -1000 - abs(KeySorterTests.normal(&generator))
        case 3..<6: 0
        default: 0.001 * abs(KeySorterTests.normal(&generator))
        }
      }
      for sorted in [tied, untied, skewed, oneSided, farBelow].map({ $0.sorted() }) {
        let middle = count / 2
        let median =
          count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
        let expected = sorted.map { abs($0 - median) }.sorted()
        #expect(FlignerKilleen.absoluteDeviations(sorted) == expected, "\(count)")
      }
    }
  }
}
