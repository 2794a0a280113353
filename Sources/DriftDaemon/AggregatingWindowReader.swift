import DriftData
import DriftPostgres
import DriftStats

/// A window reader that can hand back each window's per-feature aggregates instead of its rows
/// (a PostgreSQL source in `mode: pushdown`).
protocol AggregatingWindowReader: WindowReader {
  /// Whether this source's windows are read as aggregates.
  var aggregates: Bool { get }

  /// The window's aggregates for the features of `profile`, and its row sample when `sample`
  /// asks for one.
  func aggregate(window: Window, profile: BaselineProfile, sample: PushdownQuery.SampleRequest?)
    throws(SourceError) -> PushdownWindow
}

/// What a push-down window returns.
struct PushdownWindow {
  /// Rows in the window.
  var rows: Int
  /// One aggregate per feature.
  var aggregates: [FeatureAggregate]
  /// The grid size they were counted on.
  var gridSize: Int
  /// The deterministic row sample for the multivariate measures, or nil.
  var sample: Table?
}
