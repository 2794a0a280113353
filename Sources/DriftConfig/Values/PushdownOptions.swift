/// The settings of `mode: pushdown` (keys of `postgres:`).
public struct PushdownOptions: Sendable, Equatable {
  /// `grid:`: cells of the fine grid of baseline quantiles the ECDF tests are computed from.
  public var grid: Int
  /// `max_categories:`: categories counted per categorical feature; the rest are one bucket.
  public var maxCategories: Int
  /// `partition_key:`: a column every aggregate is also grouped by, so that PostgreSQL runs the
  /// aggregation on each partition (postgres_fdw shards included); driftwatch sums the partials.
  public var partitionKey: String?

  /// The default grid size.
  public static let defaultGrid = 2_000
  /// The default category cap.
  public static let defaultMaxCategories = 1_000

  /// Creates options; every parameter has the documented default.
  public init(
    grid: Int = PushdownOptions.defaultGrid,
    maxCategories: Int = PushdownOptions.defaultMaxCategories, partitionKey: String? = nil
  ) {
    self.grid = grid
    self.maxCategories = maxCategories
    self.partitionKey = partitionKey
  }

  /// The settings that change results, for the monitor's configuration hash.
  var canonicalRendering: String {
    "grid=\(grid);max_categories=\(maxCategories)"
  }
}
