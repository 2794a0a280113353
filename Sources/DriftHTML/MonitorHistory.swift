import DriftStats
import Foundation

/// A monitor's stored history, as the history page draws it: values in, no store types.
public struct MonitorHistory: Sendable {
  /// One evaluated window: the data-set verdict.
  public struct WindowPoint: Sendable, Equatable {
    /// Window start, seconds since 1970 (UTC).
    public var start: Int64
    /// Window end (exclusive).
    public var end: Int64
    /// Drift magnitude in percent, `nil` when not computed.
    public var magnitude: Double?
    /// Share of features that drifted.
    public var driftedShare: Double
    /// The share at which the data set counts as drifted.
    public var driftShareThreshold: Double
    /// Whether the data set counted as drifted.
    public var drifted: Bool

    /// Creates a point.
    public init(
      start: Int64, end: Int64, magnitude: Double?, driftedShare: Double,
      driftShareThreshold: Double, drifted: Bool
    ) {
      self.start = start
      self.end = end
      self.magnitude = magnitude
      self.driftedShare = driftedShare
      self.driftShareThreshold = driftShareThreshold
      self.drifted = drifted
    }
  }

  /// One test result of one feature in one window.
  public struct ResultPoint: Sendable, Equatable {
    /// Start of the window it belongs to.
    public var windowStart: Int64
    /// Feature name (untrusted text).
    public var feature: String
    /// The test.
    public var test: DriftTest
    /// The statistic, `nil` when not computed.
    public var statistic: Double?
    /// The adjusted p-value the verdict used, for hypothesis tests.
    public var pValue: Double?
    /// The threshold that decided the verdict.
    public var threshold: Threshold?
    /// Whether this result signalled drift.
    public var drifted: Bool

    /// Creates a point.
    public init(
      windowStart: Int64, feature: String, test: DriftTest, statistic: Double?, pValue: Double?,
      threshold: Threshold?, drifted: Bool
    ) {
      self.windowStart = windowStart
      self.feature = feature
      self.test = test
      self.statistic = statistic
      self.pValue = pValue
      self.threshold = threshold
      self.drifted = drifted
    }

    /// How far the result is past its threshold: 1 at the threshold, above 1 past it, capped
    /// at 3. Statistic thresholds compare the statistic; p-value thresholds compare
    /// `log p` with `log alpha`; a calibrated band compares with its upper bound.
    public var severity: Double? {
      guard let threshold else { return nil }
      if let alpha = threshold.pValue, let pValue, alpha > 0, alpha < 1 {
        return min(log(max(pValue, 1e-300)) / log(alpha), 3)
      }
      if let limit = threshold.statistic ?? threshold.calibrated?.upper, let statistic, limit > 0 {
        return min(max(statistic / limit, 0), 3)
      }
      return nil
    }
  }

  /// The monitor's name (untrusted text).
  public var monitor: String
  /// Start of the range shown, seconds since 1970.
  public var since: Int64
  /// End of the range shown (exclusive).
  public var until: Int64
  /// Evaluated windows, oldest first.
  public var windows: [WindowPoint]
  /// Every stored test result in the range.
  public var results: [ResultPoint]
  /// The newest window's pictures, by feature (empty when that window has none).
  public var latestPictures: [String: FeaturePicture]

  /// Creates a history.
  public init(
    monitor: String, since: Int64, until: Int64, windows: [WindowPoint], results: [ResultPoint],
    latestPictures: [String: FeaturePicture] = [:]
  ) {
    self.monitor = monitor
    self.since = since
    self.until = until
    self.windows = windows
    self.results = results
    self.latestPictures = latestPictures
  }
}
