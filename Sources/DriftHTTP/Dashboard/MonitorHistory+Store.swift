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
    if size > 1 {
      // The groups' time ranges: a result joins the group of the newest data-set window at
      // or before it (the first group from `since`), so whole days and 4-hour blocks inside a
      // group come from the roll-up.
      let bounds =
        [since] + stride(from: size, to: windows.count, by: size).map { windows[$0].start }
        + [until]
      try store.scanResults(monitor: monitor, groups: bounds) { merger.add($0) }
    } else {
      try store.scanResults(monitor: monitor, since: since, until: until) { merger.add($0) }
    }
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
///
/// A sample may stand for several windows of its group (a block of the roll-up, whose
/// `windowStart` is its first window): folding is associative, and a group's points are put
/// in the order the windows would have given them (first window, then feature and test ids).
struct ResultMerger {
  /// Window starts of the data-set rows, oldest first (group boundaries).
  let windows: [Int64]
  /// Windows per group.
  let size: Int
  private(set) var points: [MonitorHistory.ResultPoint] = []
  /// The open group's points by feature and test, in first-seen order.
  private var open: [Int64: Int] = [:]
  private var openGroup = -1
  /// Where the open group's points start in `points`.
  private var openFrom = 0
  /// Per point of the open group (from `openFrom`): its first window and its series, the
  /// order a scan of every window gives.
  private var openOrder: [(first: Int64, series: Int64)] = []
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
      closeGroup()
      openGroup = group
    }
    guard let index = open[sample.series] else {
      open[sample.series] = points.count
      openOrder.append((sample.windowStart, sample.series))
      let start = windows.isEmpty ? sample.windowStart : windows[group * size]
      points.append(Self.point(sample, at: start))
      return
    }
    let slot = index - openFrom
    if sample.windowStart < openOrder[slot].first { openOrder[slot].first = sample.windowStart }
    // In place: no copy of the point's strings per sample.
    points[index].statistic = ResultSample.highest(points[index].statistic, sample.statistic)
    points[index].pValue = ResultSample.lowest(points[index].pValue, sample.pValue)
    if let threshold = sample.threshold { points[index].threshold = threshold }
    if sample.drifted { points[index].drifted = true }
  }

  /// Ends the open group: its points in first-window, then series order (already so when
  /// every sample was one window).
  private mutating func closeGroup() {
    let sorted = zip(openOrder, openOrder.dropFirst()).allSatisfy { $0 <= $1 }
    if !sorted {
      let order = openOrder.indices.sorted { openOrder[$0] < openOrder[$1] }
      let group = order.map { points[openFrom + $0] }
      points.replaceSubrange(openFrom..., with: group)
    }
    open.removeAll(keepingCapacity: true)
    openOrder.removeAll(keepingCapacity: true)
    openFrom = points.count
  }

  static func point(_ sample: ResultSample, at start: Int64) -> MonitorHistory.ResultPoint {
    MonitorHistory.ResultPoint(
      windowStart: start, feature: sample.feature, test: sample.test,
      statistic: sample.statistic, pValue: sample.pValue, threshold: sample.threshold,
      drifted: sample.drifted)
  }

  mutating func finish() -> [MonitorHistory.ResultPoint] {
    if size > 1 { closeGroup() }
    return points
  }
}
