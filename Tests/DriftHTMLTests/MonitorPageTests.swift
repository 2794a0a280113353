import DriftStats
import Testing

@testable import DriftHTML

@Suite struct MonitorPageTests {
  static func history() -> MonitorHistory {
    let hour: Int64 = 3600
    var windows: [MonitorHistory.WindowPoint] = []
    for index in 0..<6 {
      let start = Int64(index) * hour
      let magnitude: Double? = index == 2 ? nil : Double(index * 10)
      windows.append(
        MonitorHistory.WindowPoint(
          start: start, end: start + hour, magnitude: magnitude,
          driftedShare: index >= 3 ? 1 : 0, driftShareThreshold: 0.5, drifted: index >= 3))
    }
    let results = windows.flatMap { window in
      HostileTable.payloads.prefix(2).map { name in
        MonitorHistory.ResultPoint(
          windowStart: window.start, feature: name, test: .ks, statistic: 0.1,
          pValue: window.drifted ? 1e-6 : 0.5, threshold: Threshold(pValue: 0.01),
          drifted: window.drifted)
      }
    }
    return MonitorHistory(
      monitor: "m<script>", since: 0, until: 6 * hour, windows: windows, results: results)
  }

  @Test func severityIsOneAtTheThreshold() {
    func point(statistic: Double?, pValue: Double?, threshold: Threshold?)
      -> MonitorHistory.ResultPoint
    {
      .init(
        windowStart: 0, feature: "f", test: .psi, statistic: statistic, pValue: pValue,
        threshold: threshold, drifted: false)
    }
    #expect(point(statistic: 0.2, pValue: nil, threshold: Threshold(statistic: 0.2)).severity == 1)
    #expect(
      point(statistic: 0.1, pValue: nil, threshold: Threshold(statistic: 0.2)).severity == 0.5)
    let p = point(statistic: nil, pValue: 1e-4, threshold: Threshold(pValue: 0.01)).severity
    #expect(abs((p ?? 0) - 2) < 1e-12)
    #expect(point(statistic: 9, pValue: nil, threshold: Threshold(statistic: 0.2)).severity == 3)
    #expect(point(statistic: 1, pValue: nil, threshold: nil).severity == nil)
  }

  @Test func pageDrawsEveryChartAndEscapesNames() {
    let html = MonitorPage(history: Self.history()).render()
    for tag in ["<script", "<img", "<b>"] { #expect(!html.contains(tag), "unescaped \(tag)") }
    #expect(html.contains("m&lt;script&gt;"))
    // Magnitude, drifted share, and one ks chart per feature.
    #expect(html.components(separatedBy: "<svg class=\"chart series\"").count - 1 == 4)
    #expect(html.components(separatedBy: "<svg class=\"chart heatmap\"").count - 1 == 1)
    // The missing magnitude breaks the line in two.
    let magnitude = html.components(separatedBy: "<svg class=\"chart series\"")[1]
    #expect(magnitude.components(separatedBy: "<polyline").count - 1 == 2)
    // Three drifted windows marked, six outlined drifted cells (two features).
    #expect(html.components(separatedBy: "<rect class=\"mark\"").count - 1 == 3)
    #expect(html.components(separatedBy: "<rect class=\"cell drift\"").count - 1 == 6)
  }

  @Test func emptyHistorySaysSo() {
    let history = MonitorHistory(monitor: "m", since: 0, until: 10, windows: [], results: [])
    #expect(MonitorPage(history: history).render().contains("No evaluated window"))
  }

  @Test func longSeriesAreMergedKeepingPeaksAndDrift() {
    var points: [TimeSeriesChart.Point] = []
    for index in 0..<1000 {
      let value: Double = index == 617 ? 50 : Double(index % 7)
      points.append(.init(time: Int64(index) * 3600, value: value, drifted: index == 333))
    }
    let merged = TimeSeriesChart.merged(points)
    #expect(merged.count <= TimeSeriesChart.maxPoints && merged.count >= 200)
    #expect(merged.compactMap { $0.value }.max() == 50)
    #expect(merged.filter { $0.drifted }.count == 1)
    #expect(merged.first?.time == 0)
    #expect(TimeSeriesChart.merged(Array(points.prefix(100))) == Array(points.prefix(100)))
  }
}
