extension KolmogorovSmirnov {
  /// Exact P(D >= h / n) for two samples of equal size n.
  ///
  /// Gnedenko-Korolyuk: P = 2 * sum over k >= 1 of (-1)^(k-1) C(2n, n - k h) / C(2n, n).
  /// Each ratio C(2n, n - k h) / C(2n, n) is the previous one times
  /// a_k = prod over j in [(k-1) h, k h) of (n - j) / (n + j + 1), so the alternating sum is
  /// evaluated without cancellation as 2 a_1 (1 - a_2 (1 - a_3 (1 - ...))), innermost first.
  static func exactEqualSizes(n: Int, h: Int) -> Double {
    let steps = n / h
    var nested = 0.0
    var k = steps
    while k >= 1 {
      var factor = 1.0
      let first = (k - 1) * h
      for j in first..<(first + h) {
        factor = factor * Double(n - j) / Double(n + j + 1)
      }
      nested = factor * (1 - nested)
      k -= 1
    }
    return 2 * nested
  }

  /// Exact P(D >= h / lcm) for samples of sizes n1 != n2 with gcd g.
  ///
  /// Counts monotone lattice paths from (0, 0) to (m, n) (m the larger size) that touch the
  /// band boundary |(n/g) x - (m/g) y| >= h (Hodges 1958, the "inside" method). Rather than
  /// counting paths that stay inside and subtracting, it carries R(x, y), the fraction of
  /// paths to (x, y) that have touched the boundary (Viehmann 2021, arXiv:2102.08037):
  /// R = 1 on and beyond the boundary and otherwise
  /// R(x, y) = (x R(x-1, y) + y R(x, y-1)) / (x + y). The answer is R(m, n); small p-values
  /// keep full relative precision. Work is O(m * band width), memory O(n).
  static func exactUnequalSizes(_ n1: Int, _ n2: Int, g: Int, h: Int) -> Double {
    let m = max(n1, n2)
    let n = min(n1, n2)
    let mg = m / g
    let ng = n / g
    // Rows of column x strictly inside the band: lo...hi.
    func window(_ x: Int) -> (lo: Int, hi: Int) {
      let below = ng * x - h  // inside needs mg * y > below
      let lo = below >= 0 ? below / mg + 1 : 0  // floor(below / mg) + 1 <= 0 when below < 0
      let hi = (ng * x + h - 1) / mg  // inside needs mg * y < ng * x + h
      return (lo, min(hi, n))
    }
    var r = [Double](repeating: 1, count: n + 1)
    return r.withUnsafeMutableBufferPointer { r -> Double in
      let first = window(0)
      for y in 0...first.hi { r[y] = 0 }
      for x in 1...m {
        let (lo, hi) = window(x)
        if lo > hi { return 1 }
        let dx = Double(x)
        var previous = 1.0  // R(x, lo - 1): on or beyond the lower boundary (unused when lo == 0)
        for y in lo...hi {
          let dy = Double(y)
          previous = (dx * r[y] + dy * previous) / (dx + dy)
          r[y] = previous
        }
      }
      return r[n]
    }
  }
}
