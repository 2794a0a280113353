import DriftData
import DriftStats
import DriftStore

/// A window's data-set-level results as `driftwatch history --dataset --format json` prints
/// them and `GET /api/v1/monitors/{name}/dataset-history` answers them.
public enum DatasetHistoryView {
  /// One JSON object per window.
  public static func json(_ row: DatasetHistoryRow) -> JSONValue {
    let dataset = row.dataset
    let magnitude = dataset.magnitude
    let reconstruction = dataset.reconstruction
    return .object([
      ("monitor", .string(row.monitor)),
      ("window_start", .string(Timestamp.format(row.window.start))),
      ("window_end", .string(Timestamp.format(row.window.end))),
      ("feature", .string(DriftStore.datasetFeatureName)),
      ("features", .int(dataset.features)),
      ("drifted_features", .int(dataset.driftedFeatures)),
      ("drifted_feature_names", .array(row.driftedFeatures.map { .string($0) })),
      ("drifted_share", .number(dataset.driftedShare)),
      ("drift_share_threshold", .number(dataset.driftShareThreshold)),
      ("drifted", .bool(dataset.drifted)),
      ("magnitude", .number(magnitude?.magnitude)),
      ("auc", .number(magnitude?.auc)),
      ("mcc", .number(magnitude?.mcc)),
      ("sampled_baseline_rows", magnitude.map { .int($0.baselineRows) } ?? .null),
      ("sampled_target_rows", magnitude.map { .int($0.targetRows) } ?? .null),
      ("reconstruction_error", .number(reconstruction?.error)),
      ("reconstruction_lower", .number(reconstruction?.lower)),
      ("reconstruction_upper", .number(reconstruction?.upper)),
      ("reconstruction_components", reconstruction.map { .int($0.components) } ?? .null),
      ("reconstruction_drifted", reconstruction.map { .bool($0.drifted) } ?? .null),
    ])
  }
}
