import CGSL

/// The Fligner-Killeen test (`fligner`): do baseline and target have the same spread?
///
/// The median-centred Fligner-Killeen test (Conover, Johnson and Johnson, 1981), which matches
/// `scipy.stats.fligner(baseline, target, center="median")`: every value's absolute deviation
/// from its own sample's median is ranked among both samples (ties get their average rank `r`),
/// scored `a = Φ⁻¹(1/2 + r / (2(N + 1)))`, and the statistic
/// `X² = sum_i n_i (mean(a_i) - mean(a))² / var(a)` (sample variance, ddof = 1) is referred to
/// the chi-square law with 1 degree of freedom.
///
/// A scale change (a feature's values spread 30 % wider) moves the Kolmogorov-Smirnov distance
/// little; this test looks at nothing else. Being built on ranks, it keeps its level on heavy
/// tails and tied (integer) values, where the Brown-Forsythe test (an analysis of variance of the
/// same deviations) raised false alarms on 50-row windows of a t(3) feature.
///
/// Degenerate cases, defined for a drift monitor (scipy returns NaN for them):
/// - fewer than 2 finite values on a side: throws, a spread cannot be estimated;
/// - every absolute deviation equal (both samples constant, say): statistic 0, p-value 1.
public enum FlignerKilleen {
  /// Runs the test.
  ///
  /// - Parameters:
  ///   - baseline: The reference sample.
  ///   - target: The sample compared with it.
  /// - Returns: The statistic X² and its p-value.
  /// - Throws: ``StatsError`` when a side has fewer than 2 finite values.
  public static func test(
    _ baseline: NumericSample, _ target: NumericSample
  ) throws(StatsError) -> TestOutcome {
    try test(baseline, target, cache: nil)
  }

  /// Runs the test, reading untied ranks' scores from `cache` when it has a table for this N.
  ///
  /// - Parameters:
  ///   - baseline: The reference sample.
  ///   - target: The sample compared with it.
  ///   - cache: The score tables of the evaluation this test is part of, shared with its other
  ///     features; nil: every score is computed. The result has the same bits either way.
  static func test(
    _ baseline: NumericSample, _ target: NumericSample, cache: FlignerScoreCache?
  ) throws(StatsError) -> TestOutcome {
    let n1 = baseline.count
    let n2 = target.count
    guard n1 >= 2, n2 >= 2 else {
      throw StatsError(
        "the Fligner-Killeen test needs at least 2 finite values per side "
          + "(baseline \(n1), target \(n2))")
    }
    GSL.prepare()
    // A table for another N would give other scores: never read one.
    let table = cache?.scores(total: n1 + n2).flatMap { $0.total == n1 + n2 ? $0 : nil }
    return try test(
      deviations: absoluteDeviations(baseline.sorted), absoluteDeviations(target.sorted),
      table: table)
  }

  /// The test on both sides' ascending absolute deviations (at least 2 each), with the scores
  /// of `table` (whose ``FlignerScores/total`` must be the two counts together) or computed.
  static func test(
    deviations deviations1: [Double], _ deviations2: [Double], table: FlignerScores?
  ) throws(StatsError) -> TestOutcome {
    let n1 = deviations1.count
    let n2 = deviations2.count
    precondition(table.map { $0.total == n1 + n2 } ?? true, "score table for another N")
    let total = Double(n1 + n2)
    let sums = deviations1.withUnsafeBufferPointer { x in
      deviations2.withUnsafeBufferPointer { y in
        if let table {
          table.scores.withUnsafeBufferPointer { scores in
            Self.sums(
              x, y, source: TabledFlignerScores(scores: scores, total: total), table: table)
          }
        } else {
          withUnsafeTemporaryAllocation(of: Double.self, capacity: 512) { block in
            Self.sums(
              x, y, source: ComputedFlignerScores(block: block, total: n1 + n2), table: nil)
          }
        }
      }
    }
    let mean1 = sums.first.value / Double(n1)
    let mean2 = sums.second.value / Double(n2)
    let mean = (sums.first.value + sums.second.value) / total
    let variance = (sums.squares.value - total * mean * mean) / (total - 1)
    guard variance > 0 else { return TestOutcome(statistic: 0, pValue: 1) }
    let statistic =
      (Double(n1) * (mean1 - mean) * (mean1 - mean) + Double(n2) * (mean2 - mean) * (mean2 - mean))
      / variance
    let pValue = gsl_cdf_chisq_Q(statistic, 1)
    guard statistic.isFinite, pValue.isFinite else {
      throw StatsError("the Fligner-Killeen test overflowed: the values are too large to compare")
    }
    return TestOutcome(statistic: statistic, pValue: min(max(pValue, 0), 1))
  }

  /// `|x - median|` for every value of a sorted sample (numpy's median: the mean of the two
  /// middle values when the count is even), in ascending order.
  ///
  /// The deviations below the median, read from the median outwards, and those above it are two
  /// ascending runs: one merge orders them in O(n), where sorting the baseline's 50,000
  /// deviations again for every window would cost O(n log n) each time.
  static func absoluteDeviations(_ sorted: [Double]) -> [Double] {
    let count = sorted.count
    guard count > 0 else { return [] }
    let middle = count / 2
    let median =
      count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    let split = sorted.partitionPoint { $0 >= median }
    // Two merges at once, for twice the work per step of a loop bound by its loads' latency:
    // from the median outwards the smallest deviations into the front of the result, taking the
    // run below the median first on equal deviations, and from the extremes inwards the largest
    // into the back, taking the run above first on equal ones. So the front takes the first
    // half of one total order and the back the rest: every value exactly once, in ascending
    // order (equal deviations have the same bits, whichever run they came from). Each side is
    // chosen by a conditional move (the runs interleave at random). Unsafe buffers, valid for
    // the closures, every index inside them: no bounds or copy-on-write check per value.
    return [Double](unsafeUninitializedCapacity: count) { out, initialized in
      if let base = out.baseAddress {
        HugePages.advise(UnsafeMutableRawPointer(base), byteCount: out.count * 8)
      }
      sorted.withUnsafeBufferPointer { sorted in
        let last = count - 1
        var below = split - 1  // front: next from the run below the median (downwards)
        var above = split  // front: next from the run above it (upwards)
        var outerBelow = 0  // back: next from the run below (upwards)
        var outerAbove = last  // back: next from the run above (downwards)
        let front = count / 2
        let steps = count - front
        var step = 0
        // Stretches in which both merges have values left in both runs (and the front has
        // steps left): `safe` steps that need no clamp and no test for a used-up run, each
        // step taking one value of one run per merge. A stretch ends when a run of a merge
        // could be used up; the steps left then go through the checked loop below.
        while true {
          let safeFront = min(below + 1, count - above, front - step)
          let safeBack = min(outerAbove - split + 1, split - outerBelow, steps - step)
          let safe = min(safeFront, safeBack)
          if safe <= 0 { break }
          for _ in 0..<safe {
            let low = median - sorted[below]
            let high = sorted[above] - median
            let takeLow = low <= high
            out[step] = takeLow ? low : high
            below -= takeLow ? 1 : 0
            above += takeLow ? 0 : 1
            let outerLow = median - sorted[outerBelow]
            let outerHigh = sorted[outerAbove] - median
            let takeHigh = outerHigh >= outerLow
            out[last - step] = takeHigh ? outerHigh : outerLow
            outerAbove -= takeHigh ? 1 : 0
            outerBelow += takeHigh ? 0 : 1
            step += 1
          }
        }
        // The rest: loads are clamped into the array and a used-up run is never taken.
        while step < steps {
          if step < front {
            let low = median - sorted[max(below, 0)]
            let high = sorted[min(above, last)] - median
            let takeLow = below >= 0 && (above > last || low <= high)
            out[step] = takeLow ? low : high
            below -= takeLow ? 1 : 0
            above += takeLow ? 0 : 1
          }
          let low = median - sorted[min(outerBelow, last)]
          let high = sorted[max(outerAbove, 0)] - median
          let takeHigh = outerAbove >= split && (outerBelow >= split || high >= low)
          out[last - step] = takeHigh ? high : low
          outerAbove -= takeHigh ? 1 : 0
          outerBelow += takeHigh ? 0 : 1
          step += 1
        }
      }
      initialized = count
    }
  }
}
