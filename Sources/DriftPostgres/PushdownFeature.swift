import DriftStats

/// One feature as the push-down statement aggregates it.
public struct PushdownFeature: Sendable, Equatable {
  /// How the feature is aggregated.
  public enum Plan: Sendable, Equatable {
    /// Counts, ranges and sums per cell of the grid cut at `edges` (strictly increasing, bound
    /// as a `float8[]` parameter).
    case numeric(edges: [Double])
    /// Counts per category, the `baseline` categories first, at most `cap` of them (the baseline
    /// labels are bound as a `text[]` parameter). `boolean` reads true/false like the pull path.
    case categorical(baseline: [String], cap: Int, boolean: Bool)
  }

  /// The column name.
  public var name: String
  /// How it is aggregated.
  public var plan: Plan

  /// Creates a feature plan.
  public init(name: String, plan: Plan) {
    self.name = name
    self.plan = plan
  }

  /// The plan of every profiled feature of `profile`: numeric features on the
  /// ``PushdownGrid`` of `grid` cells, categorical ones capped at `maxCategories` (raised to the
  /// baseline's number of categories, so every baseline category is always counted).
  public static func plans(for profile: BaselineProfile, grid: Int, maxCategories: Int)
    -> [PushdownFeature]
  {
    profile.features.map { feature in
      switch feature.distribution {
      case .numeric(let numeric):
        return PushdownFeature(
          name: feature.name, plan: .numeric(edges: PushdownGrid.edges(for: numeric, size: grid)))
      case .categorical(let counts):
        return PushdownFeature(
          name: feature.name,
          plan: .categorical(
            baseline: counts.labels, cap: max(maxCategories, counts.labels.count + 1),
            boolean: feature.kind == .boolean))
      }
    }
  }
}
