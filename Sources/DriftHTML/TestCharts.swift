import DriftStats
import Foundation

/// One feature's tests over time, one chart per test against its threshold: the statistic for
/// distances (with both edges of a calibrated band), −log10 of the adjusted p-value for
/// hypothesis tests, so higher is more drift on every chart.
struct TestCharts {
  /// The feature (untrusted text).
  var feature: String
  /// Its results in the range, any order.
  var results: [MonitorHistory.ResultPoint]
  /// The time range drawn.
  var range: ClosedRange<Int64>

  /// One `<h3>` and chart per test, tests in name order.
  func render() -> String {
    var html = ""
    let byTest = Dictionary(grouping: results, by: \.test)
    for test in byTest.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
      let points = (byTest[test] ?? []).sorted { $0.windowStart < $1.windowStart }
      let usesPValue = points.contains { $0.threshold?.pValue != nil }
      let threshold = points.last?.threshold
      // Hypothesis tests: -log10 p against -log10 alpha, so "higher is more drift" everywhere.
      let chartThreshold =
        usesPValue
        ? threshold?.pValue.map { -log10($0) }
        : (threshold?.statistic ?? threshold?.calibrated?.upper)
      let series = points.map { point -> TimeSeriesChart.Point in
        let value =
          usesPValue ? point.pValue.map { -log10(max($0, 1e-300)) } : point.statistic
        return .init(time: point.windowStart, value: value, drifted: point.drifted)
      }
      let band = usesPValue ? nil : threshold?.calibrated
      html += "<h3 data-test=\"\(test.rawValue)\">\(test.rawValue)"
      html += usesPValue ? " (\u{2212}log10 p)" : " (statistic)"
      if band != nil { html += " <span class=\"muted\">calibrated band</span>" }
      html += "</h3>"
      var chart = TimeSeriesChart(
        points: series, range: range, threshold: chartThreshold,
        caption: "\(feature): \(test.rawValue) over time against its threshold")
      chart.lowerThreshold = band?.lower
      html += chart.render()
    }
    return html
  }
}
