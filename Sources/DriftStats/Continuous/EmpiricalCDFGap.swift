/// Integrals of the gap between two empirical CDFs, shared by the Wasserstein and energy distances.
enum EmpiricalCDFGap {
  /// `integral |F - G|^power dx` for power 1 or 2, by merging the two sorted arrays.
  ///
  /// Between consecutive pooled values x_k < x_(k+1) both CDFs are constant: F is the share of the
  /// baseline at or below x_k (as `searchsorted(..., "right")` counts it in scipy). The terms are
  /// summed with Kahan compensation so that a million intervals lose no more than a few ulps.
  static func integral(
    _ baseline: NumericSample, _ target: NumericSample, name: String, power: Int
  ) throws(StatsError) -> Double {
    let n = baseline.count
    let m = target.count
    guard n > 0, m > 0 else {
      throw StatsError(
        "\(name) needs values on both sides (baseline \(n), target \(m) finite values)")
    }
    let squared = power == 2
    let total = baseline.sorted.withUnsafeBufferPointer { x in
      target.sorted.withUnsafeBufferPointer { y in
        let dn = Double(n)
        let dm = Double(m)
        var i = 0
        var j = 0
        var sum = 0.0
        var compensation = 0.0
        // The first pooled value starts the first interval.
        var previous = min(x[0], y[0])
        while i < n || j < m {
          let value: Double
          let takeX = i < n && (j >= m || x[i] <= y[j])
          value = takeX ? x[i] : y[j]
          let gap = Double(i) / dn - Double(j) / dm
          let term = (squared ? gap * gap : abs(gap)) * (value - previous)
          // Kahan summation: carry the low-order bits the addition drops.
          let corrected = term - compensation
          let next = sum + corrected
          compensation = (next - sum) - corrected
          sum = next
          previous = value
          if takeX { i += 1 } else { j += 1 }
        }
        return sum
      }
    }
    guard total.isFinite else {
      throw StatsError("\(name) overflowed: the values are too large to compare")
    }
    return max(total, 0)
  }
}
