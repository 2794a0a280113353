import Crypto
import DriftAlertModel
import DriftConfig
import DriftData
import DriftStats
import DriftStore
import Foundation

/// The JSON body of a notification, version 1 (documented in `alerts/README.md`, "Webhook
/// payload"). Keys are written sorted, so equal notifications are equal bytes.
public struct AlertPayload: Sendable, Equatable, Encodable {
  /// Whether the notification tells of an alert firing or of its recovery.
  public enum Status: String, Sendable, Equatable, Encodable {
    /// At least one feature of the rule is firing.
    case firing
    /// Every feature of the rule that fired has recovered.
    case resolved
  }

  /// The window `[start, end)`, RFC 3339 UTC.
  public struct WindowSpan: Sendable, Equatable, Encodable {
    /// Start, inclusive.
    public var start: String
    /// End, exclusive.
    public var end: String
  }

  /// One feature named by the notification, with its tests in the window.
  public struct Feature: Sendable, Equatable, Encodable {
    /// The feature ("" for a rule over the whole monitor).
    public var name: String
    /// Its alert state after the window: `firing` or `resolved`.
    public var state: String
    /// Every test run on it in the window: the evaluation's own results, written as
    /// `{test, statistic, p_value, threshold, drifted}` (see ``encode(to:)``).
    public var tests: [TestResult]
    /// Its share of the window's drift magnitude in percent; null when none was computed.
    public var contribution: Double?

    enum CodingKeys: String, CodingKey {
      case name, state, tests, contribution
    }

    /// The keys of one test result in the payload.
    enum TestKeys: String, CodingKey {
      case test, statistic
      case pValue = "p_value"
      case threshold, drifted, exactness
      case exactnessBound = "exactness_bound"
    }

    /// Writes every key, with null for a missing contribution. Each test is written with its
    /// identifier, its statistic, the p-value the verdict used (after correction when one
    /// applies), the threshold's summary (`p < 0.05`, `stat > 0.2`) and the verdict; numbers
    /// JSON cannot hold (NaN, infinities) and missing ones are null.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(name, forKey: .name)
      try container.encode(state, forKey: .state)
      var list = container.nestedUnkeyedContainer(forKey: .tests)
      for result in tests {
        var test = list.nestedContainer(keyedBy: TestKeys.self)
        try test.encode(result.test.rawValue, forKey: .test)
        try test.encode(AlertPayload.finite(result.statistic), forKey: .statistic)
        try test.encode(AlertPayload.pValue(of: result), forKey: .pValue)
        try test.encode(result.threshold?.summary, forKey: .threshold)
        try test.encode(result.drifted, forKey: .drifted)
        // Push-down results only: `exact`, or `binned` with its proven bound.
        try test.encodeIfPresent(result.exactness?.name, forKey: .exactness)
        try test.encodeIfPresent(result.exactness?.bound, forKey: .exactnessBound)
      }
      try container.encode(contribution, forKey: .contribution)
    }
  }

  /// The data-set verdict of the window.
  public struct Dataset: Sendable, Equatable, Encodable {
    /// Features compared.
    public var features: Int
    /// Features with at least one drifted test.
    public var driftedFeatures: Int
    /// `drifted_features / features`.
    public var driftedShare: Double
    /// Whether the data set drifted.
    public var drifted: Bool
    /// The drift magnitude in percent (0-100); null when it was not computed.
    public var magnitude: Double?
    /// The domain classifier's ROC AUC; null when the magnitude was not computed.
    public var auc: Double?
    /// The window's mean reconstruction error; null when it was not computed.
    public var reconstructionError: Double?
    /// Lower bound of the reconstruction error's quiet band.
    public var reconstructionLower: Double?
    /// Upper bound of the reconstruction error's quiet band.
    public var reconstructionUpper: Double?
    /// Whether the reconstruction error is outside its band; null when not computed.
    public var reconstructionDrifted: Bool?
    /// Every feature's share of the magnitude in percent, by feature name; null when none was
    /// computed. (`features[].contribution` repeats it for the features a notification names.)
    public var contributions: [String: Double]?

    enum CodingKeys: String, CodingKey {
      case features
      case driftedFeatures = "drifted_features"
      case driftedShare = "drifted_share"
      case drifted, magnitude, auc
      case reconstructionError = "reconstruction_error"
      case reconstructionLower = "reconstruction_lower"
      case reconstructionUpper = "reconstruction_upper"
      case reconstructionDrifted = "reconstruction_drifted"
      case contributions
    }

    /// Writes every key, with null for what was not computed.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(features, forKey: .features)
      try container.encode(driftedFeatures, forKey: .driftedFeatures)
      try container.encode(driftedShare, forKey: .driftedShare)
      try container.encode(drifted, forKey: .drifted)
      try container.encode(magnitude, forKey: .magnitude)
      try container.encode(auc, forKey: .auc)
      try container.encode(reconstructionError, forKey: .reconstructionError)
      try container.encode(reconstructionLower, forKey: .reconstructionLower)
      try container.encode(reconstructionUpper, forKey: .reconstructionUpper)
      try container.encode(reconstructionDrifted, forKey: .reconstructionDrifted)
      try container.encode(contributions, forKey: .contributions)
    }
  }

  /// `value` when JSON can hold it (finite), else nil (written as null).
  static func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }

  /// The p-value a payload shows for `result`: the corrected one when a correction applies.
  static func pValue(of result: TestResult) -> Double? {
    finite(result.adjustedPValue ?? result.pValue)
  }

  /// Payload format version.
  public var version = 1
  /// The notification id: stable across retries and restarts.
  public var id: String
  /// The monitor's name.
  public var monitor: String
  /// The rule's name.
  public var rule: String
  /// `info`, `warning` or `critical`.
  public var severity: String
  /// `firing` or `resolved`.
  public var status: Status
  /// The window that decided it.
  public var window: WindowSpan
  /// Window status: `ok`, `insufficient_data` or `failed`.
  public var windowStatus: String
  /// The window's error, for `no_data` and `failed` rules.
  public var error: String?
  /// The features it is about (one entry named "" for a rule over the whole monitor).
  public var features: [Feature]
  /// The data-set verdict; null when the window was not evaluated.
  public var dataset: Dataset?
  /// A command that shows the history around the window.
  public var historyCommand: String
  /// When the notification was decided, RFC 3339 UTC.
  public var createdAt: String
  /// The dashboard page of the window (`http.public_url` + `/dashboard/monitors/NAME/windows/
  /// START`); absent from the JSON when `public_url` is not set.
  public var url: String?

  enum CodingKeys: String, CodingKey {
    case version, id, monitor, rule, severity, status, window
    case windowStatus = "window_status"
    case error, features, dataset
    case historyCommand = "history_command"
    case createdAt = "created_at"
    case url
  }

  /// Writes every key, with null for a missing error or data set.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(version, forKey: .version)
    try container.encode(id, forKey: .id)
    try container.encode(monitor, forKey: .monitor)
    try container.encode(rule, forKey: .rule)
    try container.encode(severity, forKey: .severity)
    try container.encode(status, forKey: .status)
    try container.encode(window, forKey: .window)
    try container.encode(windowStatus, forKey: .windowStatus)
    try container.encode(error, forKey: .error)
    try container.encode(features, forKey: .features)
    try container.encode(dataset, forKey: .dataset)
    try container.encode(historyCommand, forKey: .historyCommand)
    try container.encode(createdAt, forKey: .createdAt)
    // Only when set: payloads without public_url stay as they were, byte for byte.
    try container.encodeIfPresent(url, forKey: .url)
  }

  /// The payload of a notification about `features` of `rule` in `window`.
  ///
  /// - Parameters:
  ///   - id: From ``notificationID(monitor:rule:windowStart:status:)``.
  ///   - rule: The rule.
  ///   - status: Firing or resolved.
  ///   - window: The stored window.
  ///   - features: Feature names ("" for the monitor) with their alert states.
  ///   - createdAt: Seconds since the epoch.
  ///   - publicURL: `http.public_url`; when set, the payload carries the window page's `url`.
  public init(
    id: String, rule: AlertRule, status: Status, window: WindowRecord,
    features: [(name: String, state: AlertState)], createdAt: Int64, publicURL: String? = nil
  ) {
    self.id = id
    self.monitor = window.monitor
    self.rule = rule.name
    self.severity = rule.severity.rawValue
    self.status = status
    self.window = WindowSpan(
      start: Timestamp.format(window.window.start), end: Timestamp.format(window.window.end))
    self.windowStatus = window.status.rawValue
    self.error = window.error
    self.features = features.map { feature in
      Feature(
        name: feature.name, state: feature.state.rawValue,
        tests: window.features.filter { $0.feature == feature.name }.map(\.result),
        contribution: Self.finite(
          window.contributions.first { $0.feature == feature.name }?.contribution))
    }
    self.dataset = window.dataset.map {
      Dataset(
        features: $0.features, driftedFeatures: $0.driftedFeatures,
        driftedShare: Self.finite($0.driftedShare) ?? 0, drifted: $0.drifted,
        magnitude: Self.finite($0.magnitude?.magnitude), auc: Self.finite($0.magnitude?.auc),
        reconstructionError: Self.finite($0.reconstruction?.error),
        reconstructionLower: Self.finite($0.reconstruction?.lower),
        reconstructionUpper: Self.finite($0.reconstruction?.upper),
        reconstructionDrifted: $0.reconstruction?.drifted,
        contributions: window.contributions.isEmpty
          ? nil
          : Dictionary(
            window.contributions.compactMap { item in
              Self.finite(item.contribution).map { (item.feature, $0) }
            }, uniquingKeysWith: { first, _ in first }))
    }
    let weekBefore = window.window.start - 7 * 86_400
    self.historyCommand =
      "driftwatch history --monitor \(window.monitor) --since \(Timestamp.format(weekBefore))"
      + " --until \(Timestamp.format(window.window.end))"
    self.createdAt = Timestamp.format(createdAt)
    self.url = publicURL.map {
      HTTPSettings.windowLink(
        publicURL: $0, monitor: window.monitor, windowStart: Timestamp.format(window.window.start))
    }
  }

  /// The UTF-8 JSON, keys sorted.
  public func encoded() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(self))
  }

  /// The notification id: lowercase hex SHA-256 of `monitor|rule|window_start|status`, with
  /// `window_start` in seconds since the epoch. Equal inputs give the same id in every process,
  /// so a receiver can drop duplicates.
  public static func notificationID(
    monitor: String, rule: String, windowStart: Int64, status: Status
  ) -> String {
    let text = "\(monitor)|\(rule)|\(windowStart)|\(status.rawValue)"
    return SHA256.hash(data: Array(text.utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
