extension BinnedTarget {
  /// A bound on |S(b, t̃) − S(b, t)| for the standardized Anderson-Darling statistic
  /// (`anderson`, S = (A − 1) / σ_N, midrank version, k = 2); `nil` when a cell's region could
  /// hold the whole pooled sample as one tied value (no finite bound then).
  ///
  /// Notation: baseline b with n₁ values, target with n₂ (t and t̃ alike), N = n₁ + n₂. σ_N
  /// depends on n₁ and n₂ only, so |S̃ − S| = |Ã − A| / σ_N. For a block of l equal pooled
  /// values with L pooled values below and R above, B = L + l/2, M₁ = (baseline values below)
  /// + (baseline values in the block)/2, M₂ likewise for the target, g = N M₁ − n₁ B =
  /// n₂ M₁ − n₁ M₂ (the second sample's gap is −g) and den = B (N − B) − N l / 4, so that
  /// 4 den = 4 L R + l (N − l) and A = (N − 1) / (N n₁ n₂) Σ_blocks l g² / den. Giving each
  /// pooled position k (1 ... N) the value φ(k) = g² / den of its block, A = (N − 1) /
  /// (N n₁ n₂) Σ_k φ(k).
  ///
  /// Regions. A cell c with a_c < b_c has a *region*: the pooled values in [a_c, b_c], which are
  /// its n_c target values and the X_c baseline values there (the ranges are disjoint, and every
  /// target value lies in its cell's range). With P, Q and R₀ the pooled, baseline and target
  /// values below a_c (the same for t and t̃), the region holds positions P + 1 ... P + W,
  /// W = X_c + n_c, in both samples, and every block outside all regions has the same L, l, M₁,
  /// M₂ in both: φ differs only inside regions, and |Ã − A| ≤ (N − 1) / (N n₁ n₂) Σ_k
  /// |φ̃(k) − φ(k)| over the regions' positions.
  ///
  /// At position k = P + j of a region, φ̃(k) is known (t̃ is). The true block holding k is some
  /// block inside the region, so L ∈ [P, P + j − 1] and E = L + l ∈ [P + j, P + W]:
  /// - **den.** 4 den = 4 L (N − E) + (E − L)(N − E + L) is jointly concave in (L, E) (its
  ///   Hessian [[−8, −4], [−4, −2]] in (L, l) has determinant 0 and trace −10), so its minimum
  ///   over that box is at one of the four corners. From above, 4 den = 4 B (N − B) − N l ≤
  ///   4 B (N − B) − N with B = (L + E)/2 ∈ [P + j/2, P + (j − 1 + W)/2].
  /// - **g.** With u = M₁ − Q ∈ [0, X_c] and v = M₂ − R₀ ∈ [0, n_c], u + v = s = B − P ∈
  ///   [j/2, (j − 1 + W)/2] and g = C + N u − n₁ s, C = n₂ Q − n₁ R₀. For fixed s, g is largest at
  ///   u = min(X_c, s), and N min(X_c, s) − n₁ s rises (slope n₂) up to s = X_c and falls after,
  ///   so g_max = C + N min(X_c, s*) − n₁ s* with s* = X_c clamped into the range of s;
  ///   likewise g_min = C + N max(0, s** − n_c) − n₁ s** with s** = n_c clamped (both choices
  ///   keep u and v within their ranges).
  ///
  /// So φ(k) ∈ [φ_lo, φ_hi] with φ_hi = max(g_min², g_max²) / den_min and φ_lo = 0 when
  /// g_min ≤ 0 ≤ g_max, else min(g_min², g_max²) / den_max, and |φ̃(k) − φ(k)| ≤
  /// max(φ_hi − φ̃(k), φ̃(k) − φ_lo). The bound is that sum over the regions' positions, times
  /// (N − 1) / (N n₁ n₂ σ_N). It holds for every placement of the cell's values in [a_c, b_c],
  /// ties of any size included; the width of the g range is about n₁ n₂ ε_c with ε_c = X_c / n₁
  /// + n_c / n₂ (the spread of D = F − G over a region), so the bound is of the order of
  /// Σ 2 |D| ε_c / (H (1 − H)): small under drift, of the order of A itself when A is near its
  /// null mean.
  func andersonDarlingBound(baseline x: [Double]) -> Double? {
    let y = sample.sorted
    let n1 = x.count
    let n2 = y.count
    let total = n1 + n2
    guard n1 > 0, n2 > 0, total >= 4 else { return nil }
    var sum = 0.0
    for cell in cells where cell.low < cell.high {
      let baselineBelow = x.partitionPoint { $0 >= cell.low }
      let baselineInside = x.partitionPoint { $0 > cell.high } - baselineBelow
      let targetBelow = y.partitionPoint { $0 >= cell.low }
      let region = AndersonRegion(
        sizes: (n1, n2), baselineBelow: baselineBelow, targetBelow: targetBelow,
        baselineInside: baselineInside, targetInside: cell.count)
      guard let change = region.largestChange(x, y) else { return nil }
      sum += change
    }
    let size = Double(total)
    let scale = (size - 1) / (size * Double(n1) * Double(n2))
    return scale * sum / AndersonDarlingKSample.standardDeviation(n1, n2)
  }
}

/// One cell's region of the pooled sample for ``BinnedTarget/andersonDarlingBound(baseline:)``.
struct AndersonRegion {
  let n1: Int
  let n2: Int
  /// Q, R₀ and P = Q + R₀: baseline, target and pooled values below the region.
  let baselineBelow: Int
  let targetBelow: Int
  /// X_c and n_c.
  let baselineInside: Int
  let targetInside: Int

  init(
    sizes: (Int, Int), baselineBelow: Int, targetBelow: Int, baselineInside: Int,
    targetInside: Int
  ) {
    (n1, n2) = sizes
    self.baselineBelow = baselineBelow
    self.targetBelow = targetBelow
    self.baselineInside = baselineInside
    self.targetInside = targetInside
  }

  /// Σ over the region's positions of the largest |φ̃(k) − φ(k)|; `nil` when some block in the
  /// region could have den = 0.
  func largestChange(_ x: [Double], _ y: [Double]) -> Double? {
    let pooledBelow = baselineBelow + targetBelow
    let total = n1 + n2
    let width = baselineInside + targetInside
    let size = Double(total)
    var sum = 0.0
    var failed = false
    x[baselineBelow..<(baselineBelow + baselineInside)].withUnsafeBufferPointer { xs in
      y[targetBelow..<(targetBelow + targetInside)].withUnsafeBufferPointer { ys in
        TieGroups.forEach(xs, ys) { group in
          // The representative's block: φ̃ = (2g)² / (4 den), all in exact integers.
          let below = pooledBelow + group.below
          let above = total - below - group.tied
          let denominator4 = 4 * below * above + group.tied * (below + above)
          guard denominator4 > 0 else {
            failed = true
            return
          }
          let twiceM1 = 2 * (baselineBelow + group.start1) + group.count1
          let twiceGap = total * twiceM1 - (2 * below + group.tied) * n1
          let phi = Double(twiceGap) * Double(twiceGap) / Double(denominator4)
          for j in (group.below + 1)...(group.below + group.tied) {
            guard let (low, high) = range(at: j, width: width, size: size) else {
              failed = true
              return
            }
            sum += Swift.max(high - phi, phi - low, 0)
          }
        }
      }
    }
    return failed ? nil : sum
  }

  /// The range [φ_lo, φ_hi] of (2g)² / (4 den) over every block that can hold the region's
  /// j-th position (1 ... width); `nil` when den can be 0.
  func range(at j: Int, width: Int, size: Double) -> (Double, Double)? {
    let p = Double(baselineBelow + targetBelow)
    let jj = Double(j)
    let w = Double(width)
    // den from below: the corners of L ∈ [P, P + j − 1], E ∈ [P + j, P + W].
    func denominator4(_ l: Double, _ e: Double) -> Double {
      4 * l * (size - e) + (e - l) * (size - e + l)
    }
    let smallest = Swift.min(
      Swift.min(denominator4(p, p + jj), denominator4(p, p + w)),
      Swift.min(denominator4(p + jj - 1, p + jj), denominator4(p + jj - 1, p + w)))
    guard smallest > 0 else { return nil }
    // den from above: 4 B (N − B) − N at the B nearest N/2.
    let b = Swift.min(Swift.max(size / 2, p + jj / 2), p + (jj - 1 + w) / 2)
    let largest = 4 * b * (size - b) - size
    // g's range (as 2g, to match the representative's units).
    let n1 = Double(self.n1)
    let c = Double(n2) * Double(baselineBelow) - n1 * Double(targetBelow)
    let x = Double(baselineInside)
    let t = Double(targetInside)
    let sLow = jj / 2
    let sHigh = (jj - 1 + w) / 2
    let sMax = Swift.min(Swift.max(x, sLow), sHigh)
    let gMax = c + size * Swift.min(x, sMax) - n1 * sMax
    let sMin = Swift.min(Swift.max(t, sLow), sHigh)
    let gMin = c + size * Swift.max(0, sMin - t) - n1 * sMin
    let high = 4 * Swift.max(gMin * gMin, gMax * gMax) / smallest
    let low = gMin <= 0 && gMax >= 0 ? 0 : 4 * Swift.min(gMin * gMin, gMax * gMax) / largest
    return (low, high)
  }
}
