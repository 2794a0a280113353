import Foundation

/// A synthetic notification for `driftwatch alerts test`: the payload's shape with
/// `"status": "test"` and a fresh id, so receivers can be checked without a real alert.
public struct TestNotification: Sendable {
  /// The notification id (`test-<uuid>`).
  public var id: String
  /// The UTF-8 JSON payload.
  public var bytes: [UInt8]

  /// A test notification about `monitor` at `now`.
  public init(monitor: String?, now: Date = Date()) {
    let id = "test-\(UUID().uuidString.lowercased())"
    let seconds = Int64(now.timeIntervalSince1970)
    let name = monitor ?? "driftwatch"
    let object: [String: Any] = [
      "version": 1,
      "id": id,
      "monitor": name,
      "rule": "test",
      "severity": "info",
      "status": "test",
      "window": ["start": seconds - 3600, "end": seconds],
      "features": [
        [
          "name": "example_feature", "state": "test",
          "tests": [
            [
              "test": "ks", "statistic": 0.25, "p_value": 0.001, "threshold": 0.01,
              "drifted": true,
            ]
          ],
        ]
      ],
      "dataset": [String: Any](),
      "history_command": "driftwatch history --monitor \(name)",
      "created_at": seconds,
    ]
    // The object holds only strings, numbers, booleans, arrays and dictionaries: it always
    // serializes.
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    self.id = id
    self.bytes = [UInt8](data)
  }
}
