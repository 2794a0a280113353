/// A feature's baseline and target counts on the same bins: what a picture of the two
/// distributions needs (bars on shared bins, drawn as shares).
///
/// Numeric features use the baseline's quantile bins (deciles by default) and a last bin for
/// missing values. Categorical features use the baseline's most frequent categories, then one bin
/// for the baseline's other categories, one for target categories the baseline never had
/// ("unseen") and one for missing values. Bins that are empty on both sides are left out, except
/// the numeric quantile bins, which always keep their place.
public struct BinnedDistribution: Sendable, Equatable, Codable {
  /// What one bin holds.
  public enum BinRole: String, Sendable, Equatable, Codable {
    /// Finite values in `[lower, upper)` (open-ended at the outer bins).
    case range
    /// One baseline category (``Bin/label`` is the category).
    case category
    /// The baseline's categories beyond the most frequent ones.
    case otherCategories = "other"
    /// Target categories that no baseline row holds.
    case unseen
    /// Rows with no value.
    case missing
  }

  /// One bin with both sides' counts.
  public struct Bin: Sendable, Equatable, Codable {
    /// What the bin holds.
    public var role: BinRole
    /// The category for ``BinRole/category``; empty otherwise.
    public var label: String
    /// Lower edge of a ``BinRole/range`` bin (`nil`: open below).
    public var lower: Double?
    /// Upper edge of a ``BinRole/range`` bin (`nil`: open above).
    public var upper: Double?
    /// Baseline rows in the bin.
    public var baseline: Int
    /// Target rows in the bin.
    public var target: Int

    /// Creates a bin.
    public init(
      role: BinRole, label: String = "", lower: Double? = nil, upper: Double? = nil,
      baseline: Int, target: Int
    ) {
      self.role = role
      self.label = label
      self.lower = lower
      self.upper = upper
      self.baseline = baseline
      self.target = target
    }
  }

  /// Most frequent baseline categories given a bin of their own.
  public static let categoryLimit = 12

  /// The bins, in drawing order.
  public var bins: [Bin]

  /// Wraps bins (as decoded from storage).
  public init(bins: [Bin]) {
    self.bins = bins
  }

  /// Baseline rows over all bins.
  public var baselineTotal: Int { bins.reduce(0) { $0 + $1.baseline } }
  /// Target rows over all bins.
  public var targetTotal: Int { bins.reduce(0) { $0 + $1.target } }

  /// Each bin's share of the baseline rows (all 0 when the baseline side is empty).
  public var baselineShares: [Double] { Self.shares(bins.map(\.baseline)) }
  /// Each bin's share of the target rows (all 0 when the target side is empty).
  public var targetShares: [Double] { Self.shares(bins.map(\.target)) }

  private static func shares(_ counts: [Int]) -> [Double] {
    let total = counts.reduce(0, +)
    guard total > 0 else { return counts.map { _ in 0 } }
    return counts.map { Double($0) / Double(total) }
  }

  /// A numeric feature on the baseline's quantile bins.
  ///
  /// - Parameters:
  ///   - bins: The baseline's bins.
  ///   - baseline: Baseline finite values per bin (`bins.binCount` counts).
  ///   - target: Target finite values per bin, counted on the same bins.
  ///   - baselineMissing: Baseline rows with no finite value (missing or infinite).
  ///   - targetMissing: Target rows with no finite value.
  public static func numeric(
    bins: QuantileBins, baseline: [Int], target: [Int], baselineMissing: Int, targetMissing: Int
  ) -> BinnedDistribution {
    var result = [Bin]()
    for index in 0..<min(bins.binCount, baseline.count, target.count) {
      result.append(
        Bin(
          role: .range, lower: index == 0 ? nil : bins.edges[index - 1],
          upper: index < bins.edges.count ? bins.edges[index] : nil,
          baseline: baseline[index], target: target[index]))
    }
    if baselineMissing > 0 || targetMissing > 0 {
      result.append(Bin(role: .missing, baseline: baselineMissing, target: targetMissing))
    }
    return BinnedDistribution(bins: result)
  }

  /// A categorical feature on the baseline's most frequent categories.
  public static func categorical(baseline: CategoryCounts, target: CategoryCounts)
    -> BinnedDistribution
  {
    let aligned = AlignedCategoryCounts(baseline: baseline, target: target)
    var ranked = [Int]()
    for position in aligned.labels.indices where aligned.baseline[position] > 0 {
      ranked.append(position)
    }
    // Most frequent first; ties in label order, so the same data always draws the same bins.
    ranked.sort {
      aligned.baseline[$0] != aligned.baseline[$1]
        ? aligned.baseline[$0] > aligned.baseline[$1] : aligned.labels[$0] < aligned.labels[$1]
    }
    var result = ranked.prefix(categoryLimit).map {
      Bin(
        role: .category, label: aligned.labels[$0], baseline: aligned.baseline[$0],
        target: aligned.target[$0])
    }
    let rest = ranked.dropFirst(categoryLimit)
    let other = Bin(
      role: .otherCategories, baseline: rest.reduce(0) { $0 + aligned.baseline[$1] },
      target: rest.reduce(0) { $0 + aligned.target[$1] })
    let unseen = Bin(role: .unseen, baseline: 0, target: aligned.unseenInBaseline)
    let missing = Bin(role: .missing, baseline: baseline.missing, target: target.missing)
    result += [other, unseen, missing].filter { $0.baseline > 0 || $0.target > 0 }
    return BinnedDistribution(bins: result)
  }
}
