/// Bins for a numeric feature, cut at the baseline's quantiles (deciles by default).
///
/// Built once per baseline from its sorted values. The interior edges are the baseline quantiles
/// at probabilities k / binCount for k = 1 ..< binCount (numpy's default linear interpolation, see
/// `LinearQuantile`), with duplicates removed, so a heavily repeated value yields fewer bins.
/// The outer bins are open-ended: every finite value, also outside the baseline range, lands in a
/// bin.
///
/// Convention: bins are **left-closed**. With interior edges e_1 < ... < e_k, bin 0 is
/// (-inf, e_1), bin i is [e_i, e_(i+1)) and bin k is [e_k, +inf). The bin of a value is the number
/// of edges at or below it, i.e. `numpy.searchsorted(edges, value, side="right")`.
///
/// A constant baseline has one edge (its value): bin 0 holds what lies below it and bin 1 the
/// value itself and everything above, so a target that only moves upward is not seen by the
/// binned distances; the continuous tests see it.
public struct QuantileBins: Sendable, Equatable, Codable {
  /// The interior edges, strictly increasing; there are `edges.count + 1` bins.
  public let edges: [Double]

  /// Number of bins.
  public var binCount: Int { edges.count + 1 }

  /// Cuts bins at the baseline's quantiles.
  ///
  /// - Parameters:
  ///   - baseline: The reference sample; its finite values define the edges.
  ///   - binCount: Bins before duplicate edges are merged (default 10: deciles); at least 2.
  /// - Throws: ``StatsError`` when the baseline has no finite values or `binCount` < 2.
  public init(baseline: NumericSample, binCount: Int = 10) throws(StatsError) {
    guard binCount >= 2 else {
      throw StatsError("quantile bins need at least 2 bins, got \(binCount)")
    }
    guard baseline.count > 0 else {
      throw StatsError("quantile bins need a baseline with finite values; it has none")
    }
    var edges = [Double]()
    edges.reserveCapacity(binCount - 1)
    baseline.sorted.withUnsafeBufferPointer { sorted in
      for k in 1..<binCount {
        // k / binCount as one division, the same double numpy gets from np.arange(1, b) / b.
        let edge = LinearQuantile.fromSorted(sorted, probability: Double(k) / Double(binCount))
        if edges.last != edge { edges.append(edge) }
      }
    }
    self.edges = edges
  }

  /// Wraps edges that are already strictly increasing and finite.
  ///
  /// - Throws: ``StatsError`` when they are not.
  public init(edges: [Double]) throws(StatsError) {
    guard edges.allSatisfy(\.isFinite), zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 })
    else {
      throw StatsError("bin edges must be finite and strictly increasing")
    }
    self.edges = edges
  }

  /// The bin of one finite value (binary search, O(log bins)).
  public func bin(of value: Double) -> Int {
    var low = 0
    var high = edges.count
    // Invariant: edges[..<low] <= value < edges[high...].
    while low < high {
      let middle = (low + high) / 2
      if edges[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Counts a sample's finite values per bin, in one merge of its sorted values with the edges.
  public func counts(_ sample: NumericSample) -> [Int] {
    var counts = [Int](repeating: 0, count: binCount)
    sample.sorted.withUnsafeBufferPointer { values in
      edges.withUnsafeBufferPointer { edges in
        var start = 0
        for (bin, edge) in edges.enumerated() {
          // Values below this edge belong to `bin`; find the first one at or above it.
          var end = start
          if end < values.count && values[end] < edge {
            end = Self.firstIndex(notBelow: edge, in: values, from: start)
          }
          counts[bin] = end - start
          start = end
        }
        counts[edges.count] = values.count - start
      }
    }
    return counts
  }

  /// Counts unsorted values per bin by binary search, O(n log bins); NaN and ±infinity are
  /// skipped, as ``NumericSample`` leaves them out of the tests.
  public func counts<Values: Sequence>(unsorted values: Values) -> [Int]
  where Values.Element == Double {
    var counts = [Int](repeating: 0, count: binCount)
    for value in values where value.isFinite {
      counts[bin(of: value)] += 1
    }
    return counts
  }

  /// First index at or after `start` whose value is >= `edge` (galloping, then binary search),
  /// so a merge costs O(bins * log(n / bins)) rather than O(n).
  private static func firstIndex(
    notBelow edge: Double, in values: UnsafeBufferPointer<Double>, from start: Int
  ) -> Int {
    var step = 1
    var low = start
    var high = start + 1
    while high < values.count && values[high] < edge {
      low = high
      step *= 2
      high = start + step
    }
    high = min(high, values.count)
    // values[low] < edge, and values[high] >= edge or high == count.
    while high - low > 1 {
      let middle = (low + high) / 2
      if values[middle] < edge { low = middle } else { high = middle }
    }
    return high
  }
}
