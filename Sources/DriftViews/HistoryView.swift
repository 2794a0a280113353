import DriftData
import DriftStats
import DriftStore

/// A stored feature result as `driftwatch history --format json` prints it and
/// `GET /api/v1/monitors/{name}/history` answers it.
public enum HistoryView {
  /// One window, feature and test.
  public static func json(_ row: HistoryRow) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("monitor", .string(row.monitor)),
      ("window_start", .string(Timestamp.format(row.window.start))),
      ("window_end", .string(Timestamp.format(row.window.end))),
      ("feature", .string(row.result.feature)),
      ("test", .string(row.result.test.rawValue)),
      ("statistic", .number(row.result.statistic)),
      ("p_value", .number(row.result.pValue)),
      ("p_value_adjusted", .number(row.result.adjustedPValue)),
      ("threshold", thresholdJSON(row.result.threshold)),
      ("drifted", .bool(row.result.drifted)),
      ("error", .string(row.result.error)),
      ("contribution", .number(row.contribution)),
    ]
    members.append(contentsOf: exactnessJSON(row.result.exactness))
    return .object(members)
  }

  /// `"exactness": "exact"` or `"exactness": "binned", "exactness_bound": b` for a push-down
  /// result; nothing for other windows, whose output stays as it was.
  public static func exactnessJSON(_ exactness: Exactness?) -> [(String, JSONValue)] {
    guard let exactness else { return [] }
    var members: [(String, JSONValue)] = [("exactness", .string(exactness.name))]
    if let bound = exactness.bound { members.append(("exactness_bound", .number(bound))) }
    return members
  }

  /// A threshold as `{"p_value": x, "statistic": y}`, plus
  /// `"calibrated": {"lower": l, "upper": u}` for a calibrated one; or null.
  public static func thresholdJSON(_ threshold: Threshold?) -> JSONValue {
    guard let threshold else { return .null }
    var members: [(String, JSONValue)] = [
      ("p_value", .number(threshold.pValue)), ("statistic", .number(threshold.statistic)),
    ]
    if let band = threshold.calibrated {
      members.append(
        ("calibrated", .object([("lower", .number(band.lower)), ("upper", .number(band.upper))])))
    }
    return .object(members)
  }
}
