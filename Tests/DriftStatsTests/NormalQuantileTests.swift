import CGSL
import Foundation
import Testing

@testable import DriftStats

/// ``NormalQuantile`` against GSL's `gsl_cdf_ugaussian_Pinv`, bit for bit.
@Suite struct NormalQuantileTests {
  static func same(_ p: Double) -> Bool {
    NormalQuantile.value(p).bitPattern == gsl_cdf_ugaussian_Pinv(p).bitPattern
  }

  /// Two million uniform probabilities, a million near one half, and every probability within
  /// a few hundred steps of the central region's edges (0.075 and 0.925, where |p - 0.5| = 0.425).
  @Test func randomAndEdgeProbabilities() {
    var generator = SplitMix64(seed: 241)
    var mismatches = 0
    for _ in 0..<2_000_000 where !Self.same(Double(generator.next() >> 11) * 0x1p-53) {
      mismatches += 1
    }
    for _ in 0..<1_000_000 {
      let p = 0.5 + (Double(generator.next() >> 11) * 0x1p-53 - 0.5) * 0x1p-20
      if !Self.same(p) { mismatches += 1 }
    }
    for edge in [0.075, 0.925, 0.5 - 0.425, 0.5 + 0.425] {
      var below = edge
      var above = edge
      for _ in 0..<300 {
        if !Self.same(below) || !Self.same(above) { mismatches += 1 }
        below = below.nextDown
        above = above.nextUp
      }
    }
    #expect(mismatches == 0)
    for p in [0, 1, 0.5, -0.0, .nan, 1e-300, 1 - 0x1p-53, -1, 2, .infinity] {
      let ours = NormalQuantile.value(p)
      let gsl = gsl_cdf_ugaussian_Pinv(p)
      #expect(ours.bitPattern == gsl.bitPattern || (ours.isNaN && gsl.isNaN), "\(p)")
    }
  }

  /// Every score `fligner` asks for: `0.5 + rank / (2 (N + 1))` for the whole and half ranks of
  /// samples of several sizes.
  @Test(arguments: [2, 3, 17, 1_000, 65_537, 400_001])
  func everyFlignerScore(total: Int) {
    var mismatches = 0
    let n = Double(total)
    for twiceRank in 2...(2 * total) {
      let rank = Double(twiceRank) / 2
      if !Self.same(0.5 + rank / (2 * (n + 1))) { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }

  /// The outer regions evaluated inline: probabilities spread evenly in the logarithm from
  /// 1e-300 to the central edge on both sides, every probability within a few hundred steps of
  /// the tail's edge (`sqrt(-log(pp)) = 5`), and the extremes next to 0 and 1.
  @Test func outerRegions() {
    var generator = SplitMix64(seed: 2_410)
    var mismatches = 0
    for _ in 0..<1_000_000 {
      let pp = exp(-690.0 * Double(generator.next() >> 11) * 0x1p-53)
      guard pp < 0.075 else { continue }
      if !Self.same(pp) || !Self.same(1 - pp) { mismatches += 1 }
    }
    let edge = exp(-25.0)
    for start in [edge, 1 - edge] {
      var below = start
      var above = start
      for _ in 0..<300 {
        if !Self.same(below) || !Self.same(above) { mismatches += 1 }
        below = below.nextDown
        above = above.nextUp
      }
    }
    for p in [
      Double.leastNonzeroMagnitude, .leastNormalMagnitude, 1e-300, 0x1p-53, (1.0).nextDown,
      1 - 0x1p-52, 0.075.nextDown, 0.925.nextUp,
    ] where !Self.same(p) {
      mismatches += 1
    }
    #expect(mismatches == 0)
  }
}
