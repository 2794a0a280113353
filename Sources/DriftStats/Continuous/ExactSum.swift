/// A floating-point sum carried as an unevaluated pair high + low (double-double).
///
/// Adds values and products with error-free transformations (Knuth's TwoSum and an FMA
/// TwoProduct), so sums of a few million terms and subtractions of nearly equal totals keep
/// about 100 bits of precision.
struct ExactSum {
  /// The leading part of the sum.
  private(set) var high = 0.0
  /// The rounding error of ``high``.
  private(set) var low = 0.0

  /// The sum rounded to a Double.
  var value: Double { high + low }

  /// Adds one value.
  mutating func add(_ x: Double) {
    let s = high + x
    let v = s - high
    let error = (high - (s - v)) + (x - v)
    let t = low + error
    high = s + t
    low = t - (high - s)
  }

  /// Adds the exact product a * b.
  mutating func add(product a: Double, _ b: Double) {
    let p = a * b
    let error = (-p).addingProduct(a, b)  // a * b - p, exactly, by fused multiply-add
    add(p)
    add(error)
  }
}

extension ExactSum {
  /// Adds one value with the same result as ``add(_:)`` for sums that never hold or get a
  /// negative zero, in fewer dependent operations when `|high| >= |x|` (nearly every step of a
  /// long sum of terms of one sign, such as `fligner`'s scores).
  ///
  /// Why the bits are the same: ``add(_:)`` takes the rounding error of `s = high + x` by
  /// Knuth's TwoSum, which is exact (`high + x - s` is a double and TwoSum returns it). When
  /// `|high| >= |x|`, Dekker's Fast2Sum `x - (s - high)` is exact too (both operations are exact
  /// then, in binary round-to-nearest without overflow). An exact result is one real number, so
  /// both give the same double, up to the sign of a zero error: TwoSum's zero is -0 only when
  /// `high` or `x` is -0, which the caller excludes (Fast2Sum's `x - x` is +0). The rest of the
  /// step is ``add(_:)``'s, operation for operation. The comparison sits off the chain of
  /// dependent additions: predicted, it costs no latency; `high + x` is computed once for both.
  @inline(__always)
  mutating func addFast(_ x: Double) {
    let s = high + x
    let error: Double
    if abs(high) >= abs(x) {
      error = x - (s - high)
    } else {
      let v = s - high
      error = (high - (s - v)) + (x - v)
    }
    let t = low + error
    high = s + t
    low = t - (high - s)
  }

  /// Adds the exact product a * b with the same result as ``add(product:_:)``, by
  /// ``addFast(_:)`` (same conditions: no negative zero in the sum or the product).
  @inline(__always)
  mutating func addFast(product a: Double, _ b: Double) {
    let p = a * b
    let error = (-p).addingProduct(a, b)  // a * b - p, exactly, by fused multiply-add
    addFast(p)
    addFast(error)
  }
}
