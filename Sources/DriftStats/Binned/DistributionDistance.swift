import CGSL

/// Distances between two binned distributions given as count vectors over the same bins.
///
/// Each function takes the baseline counts first and the target counts second (same length, one
/// entry per bin or category), turns them into proportions (count / total) and compares those.
/// Every function throws ``StatsError`` when the vectors are empty, differ in length, hold a
/// negative count, or when one side counts nothing at all.
///
/// Empty bins: ``psi(baseline:target:)`` and ``kl(baseline:target:)`` divide by proportions and
/// take their logarithm, so — following Evidently — a proportion of exactly 0 is replaced by
/// ``epsilon`` (1e-4) first. ``jensenShannon(baseline:target:)``, ``hellinger(baseline:target:)``,
/// ``linf(baseline:target:)`` and ``tvd(baseline:target:)`` are defined with empty bins as they
/// are and use no epsilon.
public enum DistributionDistance {
  /// The proportion that stands in for an empty bin in PSI and KL (Evidently's 0.0001).
  public static let epsilon = 1e-4

  /// Population stability index (`psi`): sum over bins of (t - b) * ln(t / b).
  ///
  /// Symmetric in the two sides. Zero proportions become ``epsilon``; the proportions are *not*
  /// renormalized afterwards, as in Evidently. Common reading: < 0.1 stable, 0.1-0.2 moderate
  /// shift, > 0.2 significant shift.
  public static func psi(baseline: [Int], target: [Int]) throws(StatsError) -> Double {
    let (b, t) = try proportions(baseline, target, name: "PSI")
    var sum = 0.0
    for i in b.indices {
      let p = b[i] == 0 ? epsilon : b[i]
      let q = t[i] == 0 ? epsilon : t[i]
      sum += (q - p) * log(q / p)
    }
    return max(sum, 0)
  }

  /// Kullback-Leibler divergence KL(baseline || target) (`kl`), natural log.
  ///
  /// Matches `scipy.stats.entropy(p, q)` applied to the proportions after zero proportions became
  /// ``epsilon``; like scipy, both vectors are then renormalized to sum to 1 (this is what
  /// Evidently's `kl_div` computes). Not symmetric: the baseline is the reference distribution.
  public static func kl(baseline: [Int], target: [Int]) throws(StatsError) -> Double {
    let (b, t) = try proportions(baseline, target, name: "KL divergence")
    let p = b.map { $0 == 0 ? epsilon : $0 }
    let q = t.map { $0 == 0 ? epsilon : $0 }
    let pTotal = p.reduce(0, +)
    let qTotal = q.reduce(0, +)
    var sum = 0.0
    for i in p.indices {
      let pi = p[i] / pTotal
      sum += pi * log(pi / (q[i] / qTotal))
    }
    return max(sum, 0)
  }

  /// Jensen-Shannon distance with base-2 logarithms (`jensenshannon`), in [0, 1].
  ///
  /// Matches `scipy.spatial.distance.jensenshannon(p, q, base=2)`: the square root of the
  /// Jensen-Shannon divergence, the mean KL of each side to their average m = (p + q) / 2.
  /// Empty bins contribute 0 (0 * log 0 = 0); no epsilon.
  public static func jensenShannon(baseline: [Int], target: [Int]) throws(StatsError) -> Double {
    let (p, q) = try proportions(baseline, target, name: "Jensen-Shannon distance")
    var sum = 0.0
    for i in p.indices {
      let m = (p[i] + q[i]) / 2
      if p[i] > 0 { sum += p[i] * log(p[i] / m) }
      if q[i] > 0 { sum += q[i] * log(q[i] / m) }
    }
    // Rounding can leave a tiny negative divergence for identical inputs; it is 0.
    return max(sum / (2 * M_LN2), 0).squareRoot()
  }

  /// Hellinger distance (`hellinger`), in [0, 1]: sqrt(1 - sum sqrt(p_i q_i)).
  ///
  /// Computed in the equivalent form sqrt(sum (sqrt p_i - sqrt q_i)² / 2), which has no
  /// cancellation: `1 - sum` loses all digits when the two sides are nearly equal (an error of one
  /// ulp in the sum would read as a distance of 1e-8). No epsilon.
  public static func hellinger(baseline: [Int], target: [Int]) throws(StatsError) -> Double {
    let (p, q) = try proportions(baseline, target, name: "Hellinger distance")
    var sum = 0.0
    for i in p.indices {
      let gap = p[i].squareRoot() - q[i].squareRoot()
      sum += gap * gap
    }
    return min((sum / 2).squareRoot(), 1)
  }

  /// Largest absolute difference between the proportions of one bin (`linf`), in [0, 1].
  public static func linf(baseline: [Int], target: [Int]) throws(StatsError) -> Double {
    let (p, q) = try proportions(baseline, target, name: "L-infinity distance")
    var largest = 0.0
    for i in p.indices { largest = max(largest, abs(p[i] - q[i])) }
    return largest
  }

  /// Total variation distance (`tvd`): half the sum of absolute differences, in [0, 1].
  public static func tvd(baseline: [Int], target: [Int]) throws(StatsError) -> Double {
    let (p, q) = try proportions(baseline, target, name: "total variation distance")
    var sum = 0.0
    for i in p.indices { sum += abs(p[i] - q[i]) }
    return min(sum / 2, 1)
  }

  /// Validates two count vectors and turns them into proportions.
  static func proportions(
    _ baseline: [Int], _ target: [Int], name: String
  ) throws(StatsError) -> ([Double], [Double]) {
    let (baselineTotal, targetTotal) = try CountVectors.totals(
      baseline, target, name: name, nonEmpty: true)
    let bTotal = Double(baselineTotal)
    let tTotal = Double(targetTotal)
    return (baseline.map { Double($0) / bTotal }, target.map { Double($0) / tTotal })
  }
}
