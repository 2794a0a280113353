extension KolmogorovSmirnov {
  /// Where the largest gap between two empirical distribution functions is: the counts of
  /// values at or below that point on each side, and the gap scaled by `n1 * n2`.
  typealias Gap = (baselineCount: Int, targetCount: Int, scaledGap: Int)

  /// Where the empirical distribution functions of two sorted samples differ most.
  ///
  /// Two walks give the same answer: a branch-free merge (one value per step, the side taken by
  /// a conditional move) for samples with few ties, where the branchy merge of ``TieGroups``
  /// mispredicts about every other step (2x slower on a million full-precision doubles), and the
  /// tie-group walk for samples with many ties, whose long runs of equal values it consumes with
  /// well-predicted loops. A few hundred neighbouring pairs decide which runs.
  ///
  /// - Returns: counts of values at or below that point on each side, and
  ///   `|baselineCount * n2 - targetCount * n1|`, the gap scaled by `n1 * n2`.
  static func largestGap(_ a: [Double], _ b: [Double]) -> Gap {
    tieShare(a) < 0.25 && tieShare(b) < 0.25 ? largestGapMerging(a, b) : largestGapByGroups(a, b)
  }

  /// The share of equal neighbours among up to 256 pairs spread over a sorted sample.
  static func tieShare(_ values: [Double]) -> Double {
    guard values.count > 1 else { return 0 }
    let pairs = min(256, values.count - 1)
    let stride = (values.count - 1) / pairs
    var tied = 0
    for pair in 0..<pairs where values[pair * stride] == values[pair * stride + 1] { tied += 1 }
    return Double(tied) / Double(pairs)
  }

  /// The largest gap by the tie-group walk: the gap at the end of every distinct value.
  static func largestGapByGroups(_ a: [Double], _ b: [Double]) -> (
    baselineCount: Int, targetCount: Int, scaledGap: Int
  ) {
    let n1 = a.count
    let n2 = b.count
    var best = (baselineCount: 0, targetCount: 0, scaledGap: 0)
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        // Every value equal to the group's is consumed on both sides before comparing.
        TieGroups.forEach(x, y) { group in
          let gap = abs(group.end1 * n2 - group.end2 * n1)
          if gap > best.scaledGap { best = (group.end1, group.end2, gap) }
        }
      }
    }
    return best
  }

  /// The largest gap by a branch-free merge, the same result as ``largestGapByGroups(_:_:)``.
  ///
  /// Each step takes the smaller head. When the value taken differs from the one before, every
  /// value of the previous group is consumed on both sides, and the counts taken so far are the
  /// group's ends: the gap is checked there, in ascending order and with the same strict `>` as
  /// the group walk, so ties between equal gaps resolve to the same (first) point. The check at
  /// the first value (counts 0 and 0) and the end of the last group (n1 and n2) give a gap of 0,
  /// never larger than the best. `!=` treats -0 and +0 as one value, as the group walk's `==`.
  static func largestGapMerging(_ a: [Double], _ b: [Double]) -> (
    baselineCount: Int, targetCount: Int, scaledGap: Int
  ) {
    let n1 = a.count
    let n2 = b.count
    var bestGap = 0
    var best1 = 0
    var best2 = 0
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        var i = 0
        var j = 0
        // The samples hold finite values only, so the first value always differs from this.
        var previous = -Double.infinity
        @inline(__always) func take(_ value: Double) {
          let gap = abs(i * n2 - j * n1)
          let better = value != previous && gap > bestGap
          bestGap = better ? gap : bestGap
          best1 = better ? i : best1
          best2 = better ? j : best2
          previous = value
        }
        // Indices stay below the counts (the loop conditions), so the unchecked reads of the
        // buffers (valid for the closure) stay inside them.
        while i < n1 && j < n2 {
          let u = x[i]
          let v = y[j]
          let first = u <= v
          take(first ? u : v)
          i &+= first ? 1 : 0
          j &+= first ? 0 : 1
        }
        while i < n1 {
          take(x[i])
          i &+= 1
        }
        while j < n2 {
          take(y[j])
          j &+= 1
        }
      }
    }
    return (best1, best2, bestGap)
  }
}
