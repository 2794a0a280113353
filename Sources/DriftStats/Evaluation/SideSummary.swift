/// Summary statistics of one side of a feature.
public enum SideSummary: Sendable, Equatable {
  /// Count, missing, moments and quantiles.
  case numeric(NumericSummary)
  /// Count, missing, distinct values and the most frequent categories.
  case categorical(CategoricalSummary)
}
