/// The Eisel-Lemire step of decimal parsing: the double nearest to `w * 10^q` from one (rarely
/// two) 64 x 64-bit products with a 128-bit power of five, without big-integer arithmetic.
///
/// Written from D. Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice and
/// Experience 51(8), 2021 (algorithm and error analysis), and N. Mushtak and D. Lemire, "Fast
/// Number Parsing Without Fallback", Software: Practice and Experience 53(6), 2023 (the 128-bit
/// product always decides for 19-digit mantissas). We still hand the one pattern the 2021 paper
/// calls ambiguous to `strtod` (it is never taken in practice, and costs one branch).
enum EiselLemire {
  /// Bits below the 55 the rounding needs (53 + a round bit + the product's possible top bit).
  private static let droppedMask: UInt64 = 0x1FF
  /// A double's explicit significand bits.
  private static let significandBits: UInt64 = 52
  /// The biased exponent of infinity.
  private static let infiniteExponent = 0x7FF

  /// The bit pattern of the positive double nearest to `w * 10^q` (ties to even), or nil in the
  /// rare case the products cannot decide.
  ///
  /// - Parameters:
  ///   - w: The decimal significand, nonzero (zero comes back as +0).
  ///   - q: The decimal exponent.
  @inline(__always)
  static func bits(_ w: UInt64, _ q: Int) -> UInt64? {
    if w == 0 || q < PowersOfFive.smallestExponent { return 0 }
    if q > PowersOfFive.largestExponent { return UInt64(infiniteExponent) << significandBits }
    let leadingZeros = w.leadingZeroBitCount
    let normalized = w << UInt64(leadingZeros)
    let index = 2 * (q - PowersOfFive.smallestExponent)
    var (high, low) = normalized.multipliedFullWidth(by: PowersOfFive.table[index])
    if high & droppedMask == droppedMask {
      // The truncated table value may have lost a carry into the kept bits: add the product
      // with the table's low half (the top 128 bits of the 192-bit product are then exact).
      let second = normalized.multipliedFullWidth(by: PowersOfFive.table[index + 1]).high
      let (sum, carry) = low.addingReportingOverflow(second)
      low = sum
      if carry { high &+= 1 }
      // The 2021 paper's ambiguous pattern: outside [-27, 55] the table is inexact, and a
      // carry from the bits below could still flip the kept ones.
      if low == UInt64.max && high & droppedMask == droppedMask && (q < -27 || q > 55) {
        return nil
      }
    }
    let upperBit = Int(high >> 63)
    let shift = UInt64(upperBit + 9)
    var mantissa = high >> shift
    // floor(log2(10^q)) + 63 as (217706 * q) >> 16 (exact for |q| < 1500), then biased.
    var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
    if power2 <= 0 {
      // Subnormal (or zero). No exact tie can reach here: ties need -4 <= q <= 23.
      if -power2 + 1 >= 64 { return 0 }
      mantissa >>= UInt64(-power2 + 1)
      mantissa += mantissa & 1
      mantissa >>= 1
      // Rounding up may carry into the smallest normal exponent; the bit then doubles as it.
      power2 = mantissa < (1 << significandBits) ? 0 : 1
      return UInt64(power2) << significandBits | mantissa
    }
    // An exact tie (the dropped bits are all zero, the round bit one): round to even. Exact
    // ties exist only for -4 <= q <= 23 (the analysis in Lemire 2021, section 6).
    if low <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 && mantissa << shift == high {
      mantissa &= ~1
    }
    mantissa += mantissa & 1
    mantissa >>= 1
    if mantissa >= (2 << significandBits) {
      mantissa = 1 << significandBits
      power2 += 1
    }
    mantissa &= ~(1 << significandBits)
    if power2 >= infiniteExponent { return UInt64(infiniteExponent) << significandBits }
    return UInt64(power2) << significandBits | mantissa
  }
}
