import DriftHTML
import DriftStats
import DriftStore

extension FeatureHistory {
  /// Reads what a feature page draws: the feature's results and contributions and its stored
  /// summaries for windows starting in `[since, until)`, and the pictures of `window` (the
  /// newest window with results when `nil`). Two range reads on the `runs (monitor_id,
  /// window_start)` index, filtered to the one feature.
  public static func read(
    _ store: DriftStore, monitor: String, feature: String, since: Int64, until: Int64,
    window: Int64? = nil
  ) throws(StoreError) -> FeatureHistory {
    let rows = try store.history(
      HistoryQuery(monitor: monitor, feature: feature, since: since, until: until))
    let results = rows.map {
      MonitorHistory.ResultPoint(
        windowStart: $0.window.start, feature: $0.result.feature, test: $0.result.test,
        statistic: $0.result.statistic, pValue: $0.result.adjustedPValue ?? $0.result.pValue,
        threshold: $0.result.threshold, drifted: $0.result.drifted)
    }
    var pictures: [Int64: FeaturePicture] = [:]
    for item in try store.pictureHistory(
      monitor: monitor, feature: feature, since: since, until: until)
    {
      pictures[item.window.start] = item.record.picture
    }
    var windows: [WindowPoint] = []
    for row in rows {
      if let last = windows.last, last.start == row.window.start {
        windows[windows.count - 1].drifted = last.drifted || row.result.drifted
        windows[windows.count - 1].contribution = last.contribution ?? row.contribution
      } else {
        windows.append(
          WindowPoint(
            start: row.window.start, summary: pictures[row.window.start]?.summary,
            contribution: row.contribution, drifted: row.result.drifted))
      }
    }
    let shown = window ?? windows.last?.start
    var picture = shown.flatMap { pictures[$0] }
    if let shown, picture == nil, window != nil {
      // A chosen window outside the range shown: read its pictures alone.
      picture = try store.pictures(monitor: monitor, windowStart: shown)
        .first { $0.feature == feature }?.picture
    }
    return FeatureHistory(
      monitor: monitor, feature: feature, since: since, until: until, results: results,
      windows: windows, shownWindow: shown, shownPicture: picture)
  }
}
