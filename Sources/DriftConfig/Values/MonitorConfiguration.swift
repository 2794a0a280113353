import DriftData
import DriftStats

/// One monitor: which data to compare, how, and how often (an entry of `monitors:`).
public struct MonitorConfiguration: Sendable, Equatable {
  /// The monitor's unique name (letters, digits, `.`, `_`, `-`).
  public var name: String
  /// The reference data set.
  public var baseline: BaselineSource
  /// Where the inference data comes from.
  public var target: TargetSource
  /// Which columns are features, and their declared kinds.
  public var features: FeatureFilter
  /// Tests, thresholds and decision rules: `defaults:` merged with this monitor's overrides.
  public var settings: DriftSettings
  /// Window size and timing.
  public var schedule: Schedule
  /// What readers do with malformed rows.
  public var onBadRow: BadRowPolicy
  /// The monitor's alert rules (`alerts:`), in file order.
  public var alerts: [AlertRule]
  /// Hex SHA-256 of a canonical rendering of the effective settings above (everything but the
  /// name): equal settings give equal hashes whatever the key order or file layout.
  public var configHash: String

  /// Creates a monitor configuration; `configHash` is computed from the other values.
  public init(
    name: String, baseline: BaselineSource, target: TargetSource, features: FeatureFilter,
    settings: DriftSettings, schedule: Schedule, onBadRow: BadRowPolicy,
    alerts: [AlertRule] = []
  ) {
    self.name = name
    self.baseline = baseline
    self.target = target
    self.features = features
    self.settings = settings
    self.schedule = schedule
    self.onBadRow = onBadRow
    self.alerts = alerts
    self.configHash = ""
    self.configHash = Self.hash(of: canonicalRendering)
  }
}
