extension CramerVonMises {
  /// Exact P(U' >= U) for sizes up to ``maxExactSize``, by Xiao, Gordon and Yakovlev (2006),
  /// "A C++ Program for the Cramér-von Mises Two-Sample Test", J. Stat. Softw. 17(8).
  ///
  /// Every ordering of the pooled sample is a monotone lattice path from (0, 0) to (ny, nx);
  /// with L = lcm(nx, ny), a = L / nx and b = L / ny the statistic is an increasing function
  /// of the path sum of (a v - b u)^2 over the points (u, v) it visits. A dynamic program over
  /// the grid carries, per point, the sorted distinct partial sums and how many paths reach
  /// each; the p-value is the share of the C(nx + ny, nx) paths whose sum reaches
  /// zeta = floor(L^2 N (6U - nx ny (4 nx ny - 1)) / (6 nx^2 ny^2)) (Anderson 1962, eq. 9).
  /// Used only without ties in the pooled sample; tied samples take ``exactTiedPValue(blocks:observed:_:_:)``.
  static func exactPValue(quadrupleU: Int, _ nx: Int, _ ny: Int) -> Double {
    let lcm = nx / KolmogorovSmirnov.gcd(nx, ny) * ny
    let a = lcm / nx
    let b = lcm / ny
    let product = nx * ny
    // 6U = 6 (4U) / 4, so zeta = floor(L^2 N (24U - 4 nx ny (4 nx ny - 1)) / (24 nx^2 ny^2)).
    let numerator = lcm * lcm * (nx + ny) * (6 * quadrupleU - 4 * product * (4 * product - 1))
    let denominator = 24 * product * product
    let zeta =
      numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator)

    // row[v] holds the distribution at (u, v) for the current u: sorted sums and path counts.
    var row = [(sums: [Int], counts: [Int])](repeating: ([], []), count: nx + 1)
    row[0] = ([0], [1])
    for u in 0...ny {
      for v in 0...nx {
        if u == 0, v == 0 { continue }
        let fromLeft = u > 0 ? row[v] : ([], [])
        let fromBelow = v > 0 ? row[v - 1] : ([], [])
        let step = (a * v - b * u) * (a * v - b * u)
        row[v] = merged(fromLeft, fromBelow, shift: step)
      }
    }
    let final = row[nx]
    var reaching = 0
    var all = 0
    for (sum, count) in zip(final.sums, final.counts) {
      all += count
      if sum >= zeta { reaching += count }
    }
    return Double(reaching) / Double(all)
  }

  /// Merges two sorted (sum, count) tables, adding counts of equal sums, and shifts every sum.
  private static func merged(
    _ first: (sums: [Int], counts: [Int]), _ second: (sums: [Int], counts: [Int]), shift: Int
  ) -> (sums: [Int], counts: [Int]) {
    var sums = [Int]()
    var counts = [Int]()
    sums.reserveCapacity(first.sums.count + second.sums.count)
    counts.reserveCapacity(first.sums.count + second.sums.count)
    var i = 0
    var j = 0
    while i < first.sums.count || j < second.sums.count {
      if j == second.sums.count || (i < first.sums.count && first.sums[i] < second.sums[j]) {
        sums.append(first.sums[i] + shift)
        counts.append(first.counts[i])
        i += 1
      } else if i == first.sums.count || second.sums[j] < first.sums[i] {
        sums.append(second.sums[j] + shift)
        counts.append(second.counts[j])
        j += 1
      } else {
        sums.append(first.sums[i] + shift)
        counts.append(first.counts[i] + second.counts[j])
        i += 1
        j += 1
      }
    }
    return (sums, counts)
  }
}
