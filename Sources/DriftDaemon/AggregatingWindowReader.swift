import DriftData
import DriftStats

/// A window reader that can hand back each window's per-feature aggregates instead of its rows
/// (a PostgreSQL source in `mode: pushdown`).
protocol AggregatingWindowReader: WindowReader {
  /// Whether this source's windows are read as aggregates.
  var aggregates: Bool { get }

  /// The window's row count and one aggregate per feature of `profile`, counted on grids of
  /// `gridSize` cells.
  func aggregate(window: Window, profile: BaselineProfile) throws(SourceError)
    -> (rows: Int, aggregates: [FeatureAggregate], gridSize: Int)
}
