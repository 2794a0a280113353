/// How one feature becomes columns of the design matrix, fixed by the baseline.
///
/// - Numeric: two columns. The value standardised with the baseline's mean and standard deviation
///   (ddof 1; a constant feature is only centred), clipped to ±10,000 so squares stay finite; and a
///   missing indicator. Missing and infinite values are encoded alike: value 0 (the baseline mean)
///   and indicator 1.
/// - Categorical and boolean: one indicator per category among the ``categoryCap`` most frequent
///   in the baseline (ties by label), one for every other or unseen category, one for missing.
///
/// Every indicator is standardised with its baseline share p: `(x - p) / sqrt(p (1 - p))`, or
/// `x - p` when p is 0 or 1. So every column has mean 0 and (unless constant) variance about 1 on
/// the baseline, and model coefficients are comparable across columns.
public struct FeatureEncoding: Sendable, Equatable {
  /// Most frequent categories that get a column of their own.
  public static let categoryCap = 20
  /// Bound of a standardised numeric value.
  public static let clip = 10_000.0

  /// Feature name.
  public var name: String
  /// The encoding rule with the baseline's constants.
  public var rule: Rule

  /// The constants of an encoding.
  public enum Rule: Sendable, Equatable {
    /// Standardised value and missing indicator.
    case numeric(mean: Double, scale: Double, missingShare: Double)
    /// Indicators of `categories`, then other, then missing; `shares` has one entry per column.
    case categorical(categories: [String], shares: [Double])
  }

  /// Creates an encoding from its constants.
  public init(name: String, rule: Rule) {
    self.name = name
    self.rule = rule
  }

  /// The encoding fixed by a feature's full baseline profile.
  public init(profile: FeatureProfile) {
    name = profile.name
    switch profile.distribution {
    case .numeric(let numeric):
      let summary = numeric.summary
      let total = max(summary.count, 1)
      let std = summary.std ?? 0
      rule = .numeric(
        mean: summary.mean ?? 0, scale: std > 0 && std.isFinite ? std : 1,
        missingShare: Double(summary.missing + summary.infinite) / Double(total))
    case .categorical(let counts):
      let order = counts.labels.indices.sorted {
        counts.counts[$0] != counts.counts[$1]
          ? counts.counts[$0] > counts.counts[$1] : counts.labels[$0] < counts.labels[$1]
      }
      let kept = Array(order.prefix(Self.categoryCap))
      let total = Double(max(counts.total, 1))
      let keptRows = kept.reduce(0) { $0 + counts.counts[$1] }
      var shares = kept.map { Double(counts.counts[$0]) / total }
      shares.append(Double(counts.present - keptRows) / total)
      shares.append(Double(counts.missing) / total)
      rule = .categorical(categories: kept.map { counts.labels[$0] }, shares: shares)
    }
  }

  /// Columns this feature takes in the design matrix.
  public var width: Int {
    switch rule {
    case .numeric: 2
    case .categorical(let categories, _): categories.count + 2
    }
  }

  /// Standardises an indicator with its baseline share.
  @inline(__always)
  static func indicator(_ on: Bool, share: Double) -> Double {
    let x = on ? 1.0 : 0.0
    guard share > 0 && share < 1 else { return x - share }
    return (x - share) / (share * (1 - share)).squareRoot()
  }

  /// The slot of each of a column's categories: its kept index, or `categories.count` (other).
  func slots(of categories: [String]) -> [Int32] {
    guard case .categorical(let kept, _) = rule else { return [] }
    var index = [String: Int32]()
    for (position, label) in kept.enumerated() { index[label] = Int32(position) }
    return categories.map { index[$0] ?? Int32(kept.count) }
  }
}
