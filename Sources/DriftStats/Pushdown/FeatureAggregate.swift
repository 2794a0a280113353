/// What a push-down window returns for one feature: counts and ranges computed inside the
/// database, from which ``Evaluator/evaluate(profile:aggregates:targetRows:settings:)`` computes
/// every test without the window's rows.
public struct FeatureAggregate: Sendable, Equatable {
  /// Feature (column) name.
  public var name: String
  /// The aggregates, by the feature's kind.
  public var values: Values

  /// The aggregates of a numeric or a category-like feature.
  public enum Values: Sendable, Equatable {
    /// Counts of a numeric feature.
    case numeric(NumericAggregate)
    /// Counts per category of a categorical or boolean feature.
    case categorical(CategoryAggregate)
  }

  /// Creates an aggregate.
  public init(name: String, values: Values) {
    self.name = name
    self.values = values
  }
}
