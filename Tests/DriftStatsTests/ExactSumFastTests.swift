import Testing

@testable import DriftStats

/// ``ExactSum/addFast(_:)`` leaves the same bits as ``ExactSum/add(_:)`` after every step.
@Suite struct ExactSumFastTests {
  /// Long sums of positive terms (where Fast2Sum is taken nearly always), of mixed signs and
  /// magnitudes (where both branches are), exact products, and terms far larger than the sum.
  @Test(arguments: 0..<5)
  func sameBitsAsAdd(shape: Int) {
    var generator = SplitMix64(seed: UInt64(shape) &* 0x9E37_79B9)
    var plain = ExactSum()
    var fast = ExactSum()
    var mismatches = 0
    for step in 0..<200_000 {
      let u = Double(generator.next() >> 11) * 0x1p-53
      let x: Double
      switch shape {
      case 0: x = u * 5  // fligner-like scores: positive, of one size
      case 1:
        x =
          (u - 0.5) * Double(sign: .plus, exponent: Int(generator.next() % 80) - 40, significand: 1)
      case 2: x = step % 1_000 == 0 ? u * 1e12 : u * 1e-6  // jumps far above the sum
      case 3: x = step.isMultiple(of: 2) ? 0 : u  // +0 between terms, as fligner's other side
      default: x = KeySorterTests.normal(&generator) * 1e3
      }
      if shape == 4 {
        let y = KeySorterTests.normal(&generator)
        plain.add(product: x, y)
        fast.addFast(product: x, y)
      } else {
        plain.add(x)
        fast.addFast(x)
      }
      if plain.high.bitPattern != fast.high.bitPattern
        || plain.low.bitPattern != fast.low.bitPattern
      {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
  }
}
