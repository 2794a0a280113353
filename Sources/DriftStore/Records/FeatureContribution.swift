import DriftStats

/// One feature's share of a window's drift magnitude, as stored in `feature_contributions`.
public struct FeatureContribution: Sendable, Equatable {
  /// Feature name.
  public var feature: String
  /// Feature kind (a feature's identity in the store is its name and kind).
  public var kind: ColumnKind
  /// The share in percent (the features of a window sum to 100); a NaN is stored as NULL and
  /// reads back as `nil`.
  public var contribution: Double?

  /// Creates a contribution.
  public init(feature: String, kind: ColumnKind, contribution: Double?) {
    self.feature = feature
    self.kind = kind
    self.contribution = contribution
  }
}
