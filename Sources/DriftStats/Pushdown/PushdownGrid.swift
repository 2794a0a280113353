/// The fine grid of bin edges a push-down window is counted on, fixed by the baseline profile.
///
/// The edges are the baseline's quantiles at k / size for k = 1 ..< size (numpy's linear
/// interpolation, as ``QuantileBins``), joined with the decile edges of the profile's bins, sorted
/// and without duplicates. Every decile edge is a grid edge, so no grid cell straddles a decile
/// and the decile counts are sums of cell counts: the binned distances stay exact.
public enum PushdownGrid {
  /// The default number of grid cells before duplicate edges merge.
  public static let defaultSize = 2_000

  /// The grid's edges for a numeric baseline; empty when the baseline has no finite value.
  ///
  /// - Parameters:
  ///   - profile: The feature's baseline profile.
  ///   - size: Cells before duplicates merge (at least 2).
  public static func edges(for profile: NumericProfile, size: Int) -> [Double] {
    let sorted = profile.sample.sorted
    guard !sorted.isEmpty, size >= 2 else { return profile.bins?.edges ?? [] }
    var edges = [Double]()
    edges.reserveCapacity(size - 1 + (profile.bins?.edges.count ?? 0))
    sorted.withUnsafeBufferPointer { buffer in
      for k in 1..<size {
        edges.append(LinearQuantile.fromSorted(buffer, probability: Double(k) / Double(size)))
      }
    }
    edges.append(contentsOf: profile.bins?.edges ?? [])
    edges.sort()
    var unique = [Double]()
    unique.reserveCapacity(edges.count)
    for edge in edges where unique.last != edge { unique.append(edge) }
    return unique
  }
}
