import DriftStats

/// One feature of a monitor over a time range, as the feature page draws it: values in, no
/// store types.
public struct FeatureHistory: Sendable {
  /// The feature's stored picture and contribution in one window.
  public struct WindowPoint: Sendable, Equatable {
    /// Window start, seconds since 1970.
    public var start: Int64
    /// The target's summary in the window; `nil` for a window stored without pictures.
    public var summary: SideSummary?
    /// The feature's share of the window's drift magnitude in percent, when computed.
    public var contribution: Double?
    /// Whether any test of the feature drifted in the window.
    public var drifted: Bool

    /// Creates a point.
    public init(start: Int64, summary: SideSummary?, contribution: Double?, drifted: Bool) {
      self.start = start
      self.summary = summary
      self.contribution = contribution
      self.drifted = drifted
    }

    /// Missing (and infinite) values as a share of the window's rows.
    public var missingRate: Double? {
      switch summary {
      case .numeric(let s):
        return s.count > 0 ? Double(s.missing + s.infinite) / Double(s.count) : nil
      case .categorical(let s): return s.count > 0 ? Double(s.missing) / Double(s.count) : nil
      case nil: return nil
      }
    }
  }

  /// The monitor (untrusted text).
  public var monitor: String
  /// The feature (untrusted text).
  public var feature: String
  /// Start of the range shown, seconds since 1970.
  public var since: Int64
  /// End of the range shown (exclusive).
  public var until: Int64
  /// Every stored test result of the feature in the range.
  public var results: [MonitorHistory.ResultPoint]
  /// Per window with results: summary, contribution, verdict; oldest first.
  public var windows: [WindowPoint]
  /// The window whose distribution is drawn (the newest, or the one asked for), if any.
  public var shownWindow: Int64?
  /// That window's picture, when stored.
  public var shownPicture: FeaturePicture?

  /// Creates a history.
  public init(
    monitor: String, feature: String, since: Int64, until: Int64,
    results: [MonitorHistory.ResultPoint], windows: [WindowPoint], shownWindow: Int64?,
    shownPicture: FeaturePicture?
  ) {
    self.monitor = monitor
    self.feature = feature
    self.since = since
    self.until = until
    self.results = results
    self.windows = windows
    self.shownWindow = shownWindow
    self.shownPicture = shownPicture
  }
}
