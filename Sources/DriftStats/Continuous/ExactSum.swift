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
