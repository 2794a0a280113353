import DriftHTML
import DriftStats
import DriftStore

extension MonitorHistory {
  /// Reads what a history page draws from the store: the data-set rows, every result and the
  /// newest window's pictures, for windows starting in `[since, until)`. `driftwatch report` and
  /// the dashboard share it.
  public static func read(_ store: DriftStore, monitor: String, since: Int64, until: Int64)
    throws(StoreError) -> MonitorHistory
  {
    let windows = try store.datasetHistory(monitor: monitor, since: since, until: until).map {
      MonitorHistory.WindowPoint(
        start: $0.window.start, end: $0.window.end, magnitude: $0.dataset.magnitude?.magnitude,
        driftedShare: $0.dataset.driftedShare,
        driftShareThreshold: $0.dataset.driftShareThreshold, drifted: $0.dataset.drifted)
    }
    let results = try store.history(HistoryQuery(monitor: monitor, since: since, until: until))
      .map {
        MonitorHistory.ResultPoint(
          windowStart: $0.window.start, feature: $0.result.feature, test: $0.result.test,
          statistic: $0.result.statistic, pValue: $0.result.adjustedPValue ?? $0.result.pValue,
          threshold: $0.result.threshold, drifted: $0.result.drifted)
      }
    var pictures: [String: FeaturePicture] = [:]
    if let newest = windows.last {
      for record in try store.pictures(monitor: monitor, windowStart: newest.start) {
        pictures[record.feature] = record.picture
      }
    }
    return MonitorHistory(
      monitor: monitor, since: since, until: until, windows: windows, results: results,
      latestPictures: pictures)
  }
}
