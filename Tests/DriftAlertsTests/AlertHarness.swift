import DriftAlertModel
import DriftAlerts
import DriftConfig
import DriftData
import DriftStats
import DriftStore

/// Runs windows through ``AlertDecider`` the way the store does: states in, decision applied.
struct AlertHarness {
  static let hour: Int64 = 3600
  /// 2026-11-02T00:00:00Z.
  static let day: Int64 = 1_793_577_600

  var rules: [AlertRule]
  var states: [AlertStateRow] = []
  var notifications: [(window: Int64, status: String, features: [String], id: String)] = []
  var events: [AlertTransition] = []

  init(_ rules: [AlertRule]) { self.rules = rules }

  static func window(_ index: Int64) -> Window {
    Window(start: day + index * hour, end: day + (index + 1) * hour)
  }

  /// An ok window in which the `drifted` features drifted (of `age` and `income`).
  static func ok(_ index: Int64, drifted: Set<String>) -> WindowRecord {
    let names = ["age", "income"]
    let features = names.map {
      FeatureRecord(
        feature: $0, kind: .numeric, test: .ks, statistic: drifted.contains($0) ? 0.4 : 0.01,
        pValue: drifted.contains($0) ? 0.0001 : 0.6, adjustedPValue: nil,
        threshold: Threshold(pValue: 0.05), drifted: drifted.contains($0))
    }
    let share = Double(drifted.count) / 2
    return WindowRecord(
      monitor: "credit", window: window(index), status: .ok, rows: 500, startedAt: 0,
      finishedAt: 0, features: features,
      dataset: DatasetResult(
        features: 2, driftedFeatures: drifted.count, driftedShare: share,
        driftShareThreshold: 0.5, drifted: share >= 0.5))
  }

  static func status(_ index: Int64, _ status: RunStatus) -> WindowRecord {
    WindowRecord(
      monitor: "credit", window: window(index), status: status, error: "why", startedAt: 0,
      finishedAt: 0)
  }

  /// Decides `record` against the current states and applies the result.
  @discardableResult
  mutating func run(_ record: WindowRecord, isRetry: Bool = false) throws -> AlertDecision {
    let decision = try AlertDecider.decide(
      rules: rules, window: record, context: AlertContext(states: states, isRetry: isRetry),
      now: record.window.end + 60)
    for state in decision.states {
      states.removeAll { $0.rule == state.rule && $0.feature == state.feature }
      states.append(state)
    }
    events += decision.events
    let index = (record.window.start - Self.day) / Self.hour
    for notification in decision.notifications {
      let payload = try PayloadFields(notification.payload)
      notifications.append((index, payload.status, payload.features, notification.id))
    }
    return decision
  }

  /// (window index, status) of every notification so far.
  var sent: [String] { notifications.map { "\($0.window):\($0.status)" } }

  func state(_ rule: String, _ feature: String = "") -> AlertState? {
    states.first { $0.rule == rule && $0.feature == feature }?.state
  }
}
