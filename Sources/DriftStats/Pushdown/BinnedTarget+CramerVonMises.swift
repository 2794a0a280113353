extension BinnedTarget {
  /// A bound on |T(b, t̃) − T(b, t)| for the two-sample Cramér-von Mises statistic (`cvm`).
  ///
  /// Notation: the baseline b has n values (ECDF F), the true target t and the representative
  /// t̃ have m each (ECDFs G, G̃), N = n + m, D = F − G and D̃ = F − G̃ (right-continuous).
  /// The stored statistic is T = (n m / N²) Σ_z D(z)² over the N pooled values z: the tied path
  /// computes exactly this sum (grouped by distinct value), and without ties Anderson's rank
  /// formula is the same number (a test checks both on untied samples). t̃ is always tied, so
  /// T̃ comes from the definition. Split the pooled sum into the baseline's values and the
  /// target's:
  ///
  /// 1. A baseline value x: F is the same on both sides, so D(x) − D̃(x) = G̃(x) − G(x), which
  ///    is 0 outside the cells' ranges (disjoint; G̃ = G there). In cell c's [a_c, b_c), with
  ///    a_c < b_c and G₀ = G(a_c−): G(x) = G₀ + k/m with 1 ≤ k ≤ n_c − 1 (the value at a_c is
  ///    counted, the one at b_c is not), and G̃(x) = G₀ below r_c, G₀ + p_c from r_c on. So
  ///    D(x) − D̃(x) lies in [−(n_c − 1)/m, −1/m] for x < r_c and in [1/m, (n_c − 1)/m] for
  ///    x ≥ r_c.
  /// 2. A target value y of cell c and its stand-in r_c (pair them off, n_c each):
  ///    D(y) − D̃(r_c) = (F(y) − F(r_c)) + (G̃(r_c) − G(y)), where y ∈ [a_c, b_c] puts the first
  ///    term in [F(a_c) − F(r_c), F(b_c) − F(r_c)], and G̃(r_c) = G₀ + p_c, G(y) ∈ [G₀ + 1/m,
  ///    G₀ + p_c] put the second in [0, (n_c − 1)/m]. A cell holding one value (a_c = b_c) is
  ///    reproduced exactly.
  ///
  /// Each pooled term then changes by at most c(D̃, [lo, hi]) = max over e in [lo, hi] of
  /// |(D̃ + e)² − D̃²|: a convex quadratic in e, so the larger of its ends, or D̃² when −D̃ lies
  /// in the interval. The bound is (n m / N²) times the sum of these over the baseline's values
  /// in the cells' ranges and the n_c stand-ins of each cell; it uses only the baseline and t̃
  /// (D̃ is known everywhere). It is at most (n m / N²) [Σ_x δ(x) (2|D̃(x)| + δ(x)) +
  /// Σ_c n_c ε_c (2|D̃(r_c)| + ε_c)] with δ = p_c on the cells' ranges and ε_c = X_c / n + p_c
  /// (X_c the baseline values in [a_c, b_c]): the simpler form, and the order of its size.
  func cramerVonMisesBound(baseline x: [Double]) -> Double? {
    let y = sample.sorted
    guard !x.isEmpty, !y.isEmpty else { return nil }
    let n = Double(x.count)
    let m = Double(y.count)
    // D̃(z) = F(z) − G̃(z), both "values ≤ z" counts.
    func dTilde(_ z: Double) -> Double {
      Double(x.partitionPoint { $0 > z }) / n - Double(y.partitionPoint { $0 > z }) / m
    }
    var sum = 0.0
    for cell in cells where cell.low < cell.high {
      let inner = Double(cell.count - 1) / m
      let first = x.partitionPoint { $0 >= cell.low }
      let endOpen = x.partitionPoint { $0 >= cell.high }
      // Baseline values in [a_c, b_c), one distinct value at a time.
      var index = first
      while index < endOpen {
        let value = x[index]
        var next = index + 1
        while next < endOpen, x[next] == value { next += 1 }
        let interval = value < cell.point ? (-inner, -1 / m) : (1 / m, inner)
        sum += Double(next - index) * Self.largestSquareChange(dTilde(value), interval)
        index = next
      }
      let atPoint = Double(x.partitionPoint { $0 > cell.point }) / n
      let atLow = Double(x.partitionPoint { $0 > cell.low }) / n
      let atHigh = Double(x.partitionPoint { $0 > cell.high }) / n
      let interval = (atLow - atPoint, atHigh - atPoint + inner)
      sum += Double(cell.count) * Self.largestSquareChange(dTilde(cell.point), interval)
    }
    let size = n + m
    return n * m / (size * size) * sum
  }

  /// max over e in [lo, hi] of |(d + e)² − d²| = |e (2d + e)|.
  static func largestSquareChange(_ d: Double, _ interval: (lo: Double, hi: Double)) -> Double {
    let ends = Swift.max(
      abs(interval.lo * (2 * d + interval.lo)), abs(interval.hi * (2 * d + interval.hi)))
    return interval.lo <= -d && -d <= interval.hi ? Swift.max(ends, d * d) : ends
  }
}
