/// The settings of `mode: pushdown` (keys of `postgres:`).
public struct PushdownOptions: Sendable, Equatable {
  /// `grid:`: cells of the fine grid of baseline quantiles the ECDF tests are computed from.
  public var grid: Int
  /// `max_categories:`: categories counted per categorical feature; the rest are one bucket.
  public var maxCategories: Int
  /// `partition_key:`: a column every aggregate is also grouped by, so that PostgreSQL runs the
  /// aggregation on each partition (postgres_fdw shards included); driftwatch sums the partials.
  public var partitionKey: String?
  /// `parallel:`: connections of the server's pool one window's aggregates are split across,
  /// running at once in one shared snapshot (each feature's statement is the same whatever the
  /// split, so results keep their bits).
  public var parallel: Int

  /// The default grid size.
  public static let defaultGrid = 2_000
  /// The default category cap.
  public static let defaultMaxCategories = 1_000
  /// `parallel:` when not given (capped at `pool_size:`).
  public static let defaultParallel = 2

  /// Creates options; every parameter has the documented default.
  public init(
    grid: Int = PushdownOptions.defaultGrid,
    maxCategories: Int = PushdownOptions.defaultMaxCategories, partitionKey: String? = nil,
    parallel: Int = PushdownOptions.defaultParallel
  ) {
    self.parallel = parallel
    self.grid = grid
    self.maxCategories = maxCategories
    self.partitionKey = partitionKey
  }

  /// The settings that change results, for the monitor's configuration hash (`parallel:` does
  /// not: the same statements run, split differently).
  var canonicalRendering: String {
    "grid=\(grid);max_categories=\(maxCategories)"
  }
}
