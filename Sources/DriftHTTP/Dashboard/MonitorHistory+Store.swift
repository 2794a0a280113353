import DriftHTML
import DriftStats
import DriftStore

extension MonitorHistory {
  /// Ranges with more windows than this are read merged: consecutive windows share one point
  /// per feature and test, as the heat map's columns group them (``HeatMap/maxColumns``).
  static let mergeAbove = 2 * HeatMap.maxColumns

  /// Reads what a history page draws from the store: the data-set rows, every result and the
  /// newest window's pictures, for windows starting in `[since, until)`. `driftwatch report` and
  /// the dashboard share it.
  ///
  /// Beyond ``mergeAbove`` windows, results are merged while they are read, in groups of
  /// consecutive windows that match the heat map's columns: per feature and test the highest
  /// statistic, the lowest p-value, drifted when any was, the newest threshold; the point sits
  /// at the group's first window. The page draws the same peaks from a few thousand points
  /// instead of half a million (a year of hourly windows of 20 features and 3 tests).
  public static func read(_ store: DriftStore, monitor: String, since: Int64, until: Int64)
    throws(StoreError) -> MonitorHistory
  {
    let windows = try store.datasetVerdicts(monitor: monitor, since: since, until: until).map {
      MonitorHistory.WindowPoint(
        start: $0.window.start, end: $0.window.end, magnitude: $0.dataset.magnitude?.magnitude,
        driftedShare: $0.dataset.driftedShare,
        driftShareThreshold: $0.dataset.driftShareThreshold, drifted: $0.dataset.drifted)
    }
    let size =
      windows.count > mergeAbove
      ? (windows.count + HeatMap.maxColumns - 1) / HeatMap.maxColumns : 1
    var merger = ResultMerger(windows: windows.map(\.start), size: size)
    try store.scanResults(monitor: monitor, since: since, until: until) { merger.add($0) }
    var pictures: [String: FeaturePicture] = [:]
    if let newest = windows.last {
      for record in try store.pictures(monitor: monitor, windowStart: newest.start) {
        pictures[record.feature] = record.picture
      }
    }
    return MonitorHistory(
      monitor: monitor, since: since, until: until, windows: windows,
      results: merger.finish(), latestPictures: pictures)
  }
}

/// Turns result samples, in window order, into the page's points: one per sample with `size`
/// 1, else one per feature and test per group of `size` consecutive windows.
struct ResultMerger {
  /// Window starts of the data-set rows, oldest first (group boundaries).
  let windows: [Int64]
  /// Windows per group.
  let size: Int
  private(set) var points: [MonitorHistory.ResultPoint] = []
  /// The open group's points by feature and test, in first-seen order.
  private var open: [Int64: Int] = [:]
  private var openGroup = -1
  /// Position in `windows` of the newest sample's window.
  private var cursor = 0

  init(windows: [Int64], size: Int) {
    self.windows = windows
    self.size = size
  }

  mutating func add(_ sample: ResultSample) {
    guard size > 1 else {
      points.append(Self.point(sample, at: sample.windowStart))
      return
    }
    // Samples come in window order: advance the cursor to the sample's window. A window with
    // results but no data-set row (not expected) joins the group of the window before it.
    while cursor + 1 < windows.count, windows[cursor + 1] <= sample.windowStart { cursor += 1 }
    let group = cursor / size
    if group != openGroup {
      open.removeAll(keepingCapacity: true)
      openGroup = group
    }
    guard let index = open[sample.series] else {
      open[sample.series] = points.count
      let start = windows.isEmpty ? sample.windowStart : windows[group * size]
      points.append(Self.point(sample, at: start))
      return
    }
    // In place: no copy of the point's strings per sample.
    points[index].statistic = Self.highest(points[index].statistic, sample.statistic)
    points[index].pValue = Self.lowest(points[index].pValue, sample.pValue)
    if let threshold = sample.threshold { points[index].threshold = threshold }
    if sample.drifted { points[index].drifted = true }
  }

  static func point(_ sample: ResultSample, at start: Int64) -> MonitorHistory.ResultPoint {
    MonitorHistory.ResultPoint(
      windowStart: start, feature: sample.feature, test: sample.test,
      statistic: sample.statistic, pValue: sample.pValue, threshold: sample.threshold,
      drifted: sample.drifted)
  }

  func finish() -> [MonitorHistory.ResultPoint] { points }

  static func highest(_ a: Double?, _ b: Double?) -> Double? {
    guard let a, a.isFinite else { return b }
    guard let b, b.isFinite else { return a }
    return max(a, b)
  }

  static func lowest(_ a: Double?, _ b: Double?) -> Double? {
    guard let a, a.isFinite else { return b }
    guard let b, b.isFinite else { return a }
    return min(a, b)
  }
}
