import Foundation
import Testing

@testable import DriftStats

/// `cvm` on tied data: false alarms near the nominal level on stable samples, power on a shift,
/// and the tie-conditional exact law checked against the tie-free one.
@Suite struct CramerVonMisesTieTests {
  /// Poisson(lambda) counts by Knuth's product of uniforms, as Doubles.
  static func poisson(_ lambda: Double, _ count: Int, _ random: inout SplitMix64) -> [Double] {
    let limit = exp(-lambda)
    return (0..<count).map { _ in
      var k = 0
      var product = Double.random(in: 0..<1, using: &random)
      while product > limit {
        k += 1
        product *= Double.random(in: 0..<1, using: &random)
      }
      return Double(k)
    }
  }

  /// Share of `pairs` seeded pairs (Poisson(4) vs Poisson(4 + shift)) that reject at 0.01.
  static func rejections(pairs: Int, sizes: (Int, Int), shift: Double, seed: UInt64) throws
    -> Int
  {
    var random = SplitMix64(seed: seed)
    var rejected = 0
    for _ in 0..<pairs {
      let a = NumericSample(values: poisson(4, sizes.0, &random))
      let b = NumericSample(values: poisson(4 + shift, sizes.1, &random))
      let outcome = try CramerVonMises.test(a, b)
      if try #require(outcome.pValue) < 0.01 { rejected += 1 }
    }
    return rejected
  }

  @Test func stableTiedSamplesRejectNearTheNominalLevel() throws {
    // Expected about 2 of 200 at 0.01 (fewer: the limiting law is conservative with ties);
    // the midrank statistic rejected nearly all of them.
    let large = try Self.rejections(pairs: 200, sizes: (3000, 300), shift: 0, seed: 11)
    #expect(large <= 8, "\(large) of 200 stable pairs rejected (limiting law)")
    let exact = try Self.rejections(pairs: 200, sizes: (15, 12), shift: 0, seed: 12)
    #expect(exact <= 8, "\(exact) of 200 stable pairs rejected (exact law)")
  }

  @Test func shiftedTiedSamplesReject() throws {
    let large = try Self.rejections(pairs: 50, sizes: (3000, 300), shift: 1, seed: 13)
    #expect(large >= 45, "only \(large) of 50 shifted pairs rejected")
    let exact = try Self.rejections(pairs: 50, sizes: (20, 20), shift: 4, seed: 14)
    #expect(exact >= 40, "only \(exact) of 50 shifted pairs rejected (exact law)")
  }

  @Test func tieConditionalLawWithoutTiesIsTheTieFreeLaw() throws {
    // Without ties every block holds one value: the dynamic program over blocks must give the
    // lattice-path p-value of Xiao, Gordon and Yakovlev (a second derivation).
    var random = SplitMix64(seed: 15)
    for (nx, ny) in [(5, 7), (9, 9), (12, 20), (20, 3)] {
      let a = (0..<nx).map { _ in Double.random(in: 0..<1, using: &random) }.sorted()
      let b = (0..<ny).map { _ in Double.random(in: 0..<1, using: &random) }.sorted()
      let walk = CramerVonMises.walk(a, b)
      #expect(!walk.tied)
      let tieFree = try CramerVonMises.test(NumericSample(values: a), NumericSample(values: b))
      let conditional = CramerVonMises.exactTiedPValue(
        blocks: walk.blocks, observed: Int(walk.weightedSquares.value), nx, ny)
      #expect(isClose(conditional, tieFree.pValue ?? .nan, relative: 1e-12, absolute: 0))
      #expect(
        isClose(
          CramerVonMises.tiedStatistic(walk, nx, ny), tieFree.statistic, relative: 1e-12,
          absolute: 1e-15))
    }
  }

  @Test func allValuesEqualMeansNoDrift() throws {
    let outcome = try CramerVonMises.test(
      NumericSample(values: Array(repeating: 3, count: 400)),
      NumericSample(values: Array(repeating: 3, count: 30)))
    #expect(outcome.statistic == 0 && outcome.pValue == 1)
  }
}
