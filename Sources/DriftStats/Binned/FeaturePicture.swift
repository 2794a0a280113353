/// What a picture of one feature in one window needs, kept with the window's results: the
/// target's summary and both sides' counts on the baseline's bins.
public struct FeaturePicture: Sendable, Equatable {
  /// The target side's summary (count, missing, moments and quantiles, or top categories).
  public var summary: SideSummary
  /// Both sides on the same bins; `nil` when the baseline had no bins.
  public var distribution: BinnedDistribution?

  /// Creates a picture.
  public init(summary: SideSummary, distribution: BinnedDistribution?) {
    self.summary = summary
    self.distribution = distribution
  }

  /// The picture of a compared feature.
  public init(_ result: FeatureResult) {
    self.init(summary: result.target, distribution: result.distribution)
  }
}
