import DriftHTML
import DriftStats
import DriftStore

extension WindowPage {
  /// Reads one stored window of `monitor` (the one starting at `start`): its data-set verdict,
  /// every feature's results and contributions, and the stored pictures. `nil` when no such
  /// window is stored.
  public static func read(_ store: DriftStore, monitor: String, start: Int64)
    throws(StoreError) -> WindowPage?
  {
    guard
      let state = try store.windowStates(monitor: monitor, from: start, to: start + 1).first,
      state.window.start == start
    else { return nil }
    let dataset = try store.datasetHistory(monitor: monitor, since: start, until: start + 1)
      .first?.dataset
    let rows = try store.history(HistoryQuery(monitor: monitor, since: start, until: start + 1))
    var pictures: [String: FeaturePicture] = [:]
    for record in try store.pictures(monitor: monitor, windowStart: start) {
      pictures[record.feature] = record.picture
    }
    var features: [FeatureResult] = []
    var names: [String] = []
    var byName: [String: [HistoryRow]] = [:]
    for row in rows {
      if byName[row.result.feature] == nil { names.append(row.result.feature) }
      byName[row.result.feature, default: []].append(row)
    }
    for name in names {
      let group = byName[name] ?? []
      guard let first = group.first else { continue }
      let picture = pictures[name]
      let summary = picture?.summary ?? Self.emptySummary(first.result.kind)
      features.append(
        FeatureResult.restored(
          name: name, kind: first.result.kind, baseline: summary, target: summary,
          outsideBaselineShare: 0,
          tests: group.map {
            TestResult.restored(
              test: $0.result.test, statistic: $0.result.statistic, pValue: $0.result.pValue,
              adjustedPValue: $0.result.adjustedPValue, threshold: $0.result.threshold,
              effect: $0.result.effect, drifted: $0.result.drifted, error: $0.result.error)
          }, contribution: group.compactMap(\.contribution).first,
          distribution: picture?.distribution))
    }
    let verdict = dataset.map { summary -> DatasetResult in
      var result = DatasetResult(features: [], driftShareThreshold: summary.driftShareThreshold)
      result.features = summary.features
      result.driftedFeatures = summary.driftedFeatures
      result.driftedShare = summary.driftedShare
      result.drifted = summary.drifted
      result.magnitude = summary.magnitude
      result.reconstruction = summary.reconstruction
      return result
    }
    return WindowPage(
      monitor: monitor, start: start, end: state.window.end, status: state.status.rawValue,
      dataset: verdict, features: features)
  }

  /// A summary with no rows, for a window stored before pictures were kept.
  static func emptySummary(_ kind: ColumnKind) -> SideSummary {
    kind == .numeric
      ? .numeric(NumericSummary(sample: NumericSample(presorted: [])))
      : .categorical(CategoricalSummary(counts: CategoryCounts(labels: [], counts: [], missing: 0)))
  }
}
