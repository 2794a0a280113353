/// One entry of a monitor's `alerts:` list: when to alert, how loudly and whom to tell.
///
/// ```yaml
/// alerts:
///   - name: feature-drift
///     when: feature_drifted        # feature_drifted | dataset_drifted | no_data | failed
///                                  # | reconstruction_drifted | { magnitude_above: 30 }
///     features: [income, age]      # feature_drifted only; default every feature
///     share: 0.3                   # dataset_drifted only; default the monitor's drift_share verdict
///     for: 2                       # consecutive windows before firing (default 1)
///     severity: critical           # info | warning (default) | critical
///     notify: [ops-webhook]        # names from the top-level notifiers: section
///     repeat: 24h                  # re-notify while still firing (default never)
///     send_resolved: true          # tell when it recovers (default true)
/// ```
public struct AlertRule: Sendable, Equatable {
  /// What a rule watches.
  public enum Condition: Sendable, Equatable {
    /// Any (filtered) feature drifted; one alert state per feature.
    case featureDrifted
    /// The data set drifted: the monitor's verdict, or the drifted-feature share at or above
    /// `share` when given.
    case datasetDrifted(share: Double?)
    /// The window held fewer rows than `min_rows` (status `insufficient_data`).
    case noData
    /// The window could not be evaluated (status `failed`).
    case failed
    /// The data set's drift magnitude (domain classifier, percent 0-100) is strictly above the
    /// given percentage, in (0, 100].
    case magnitudeAbove(Double)
    /// The window's mean reconstruction error lies outside the baseline's quiet band.
    case reconstructionDrifted

    /// The name written after `when:`.
    public var name: String {
      switch self {
      case .featureDrifted: "feature_drifted"
      case .datasetDrifted: "dataset_drifted"
      case .noData: "no_data"
      case .failed: "failed"
      case .magnitudeAbove: "magnitude_above"
      case .reconstructionDrifted: "reconstruction_drifted"
      }
    }

    /// The condition as the configuration hash renders it: the name, and for
    /// `magnitude_above` its percentage (`magnitude_above=30.0`). The older conditions render
    /// as their bare name, as before, so their monitors' hashes did not change.
    var canonicalText: String {
      if case .magnitudeAbove(let percent) = self { return "\(name)=\(percent)" }
      return name
    }

    /// Whether the rule keeps one state per feature (otherwise one for the whole monitor).
    public var isPerFeature: Bool { self == .featureDrifted }
  }

  /// How loudly an alert speaks.
  public enum Severity: String, Sendable, CaseIterable {
    /// For the record.
    case info
    /// Someone should look (the default).
    case warning
    /// Someone should look now.
    case critical
  }

  /// Unique within the monitor.
  public var name: String
  /// When the condition holds.
  public var condition: Condition
  /// Only these features (feature_drifted); nil for every feature the monitor tests.
  public var features: [String]?
  /// Consecutive windows the condition must hold before the alert fires (at least 1).
  public var forWindows: Int
  /// The severity sent with each notification.
  public var severity: Severity
  /// Names of the notifiers to tell, from the top-level `notifiers:` section.
  public var notify: [String]
  /// Seconds of window time after which a still-firing alert is sent again; nil for never.
  public var repeatInterval: Int64?
  /// Whether recovery is notified.
  public var sendResolved: Bool

  /// Creates a rule.
  public init(
    name: String, condition: Condition, features: [String]? = nil, forWindows: Int = 1,
    severity: Severity = .warning, notify: [String] = [], repeatInterval: Int64? = nil,
    sendResolved: Bool = true
  ) {
    self.name = name
    self.condition = condition
    self.features = features
    self.forWindows = forWindows
    self.severity = severity
    self.notify = notify
    self.repeatInterval = repeatInterval
    self.sendResolved = sendResolved
  }
}

extension AlertRule {
  /// One line of every field in a fixed order, for the monitor's configuration hash.
  var canonicalRendering: String {
    let share: String
    if case .datasetDrifted(let value?) = condition { share = String(value) } else { share = "-" }
    return [
      "name=\(String(reflecting: name))", "when=\(condition.canonicalText)", "share=\(share)",
      "features=\(features.map { $0.map { String(reflecting: $0) }.joined(separator: ",") } ?? "*")",
      "for=\(forWindows)", "severity=\(severity.rawValue)",
      "notify=\(notify.map { String(reflecting: $0) }.joined(separator: ","))",
      "repeat=\(repeatInterval.map { String($0) } ?? "-")", "send_resolved=\(sendResolved)",
    ].joined(separator: ";")
  }
}
