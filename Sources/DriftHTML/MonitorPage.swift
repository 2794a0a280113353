import DriftStats
import Foundation

/// A monitor's history as one self-contained page: drift magnitude and drifted share over
/// time, the features-by-windows heat map, then per feature each test over time against its
/// threshold and the newest window's distribution beside the baseline's.
public struct MonitorPage: Sendable {
  /// The history drawn.
  public var history: MonitorHistory
  /// Links to other time ranges (label, URL), shown above the charts; none in a file report.
  public var ranges: [(label: String, href: String)] = []
  /// Where a custom range form sends `since` and `until` (GET); `nil`: no form.
  public var rangeForm: String?

  /// Creates a page.
  public init(history: MonitorHistory) {
    self.history = history
  }

  /// The HTML document.
  public func render() -> String {
    let range = history.since...max(history.until, history.since + 1)
    let windows = history.windows
    let name = HTMLText.escape(history.monitor)
    var body = "<header><h1>Drift history: <span class=\"monitor-name\">\(name)</span></h1>"
    body += "<p class=\"muted\">\(windows.count) windows from \(TimeText.minute(range.lowerBound))"
    body += " to \(TimeText.minute(range.upperBound)) UTC; "
    body += "\(windows.filter(\.drifted).count) with data set drift</p></header>"
    body += rangePicker()
    if windows.isEmpty {
      body += "<p id=\"empty\">No evaluated window in this range.</p>"
      return HTMLPage(title: "Drift history: \(history.monitor)", body: body).render()
    }
    body += "<h2>Drift magnitude</h2>"
    body += TimeSeriesChart(
      points: windows.map { .init(time: $0.start, value: $0.magnitude, drifted: $0.drifted) },
      range: range, ceiling: 100, caption: "drift magnitude over time", unit: " %"
    ).render()
    body += "<h2>Drifted share of features</h2>"
    body += TimeSeriesChart(
      points: windows.map {
        .init(time: $0.start, value: $0.driftedShare * 100, drifted: $0.drifted)
      },
      range: range, threshold: (windows.last?.driftShareThreshold ?? 0.5) * 100, ceiling: 100,
      caption: "drifted share of features over time, with the data set threshold", unit: " %"
    ).render()
    body += "<h2>Features by windows</h2>"
    body += "<p class=\"muted\">Shade: how far the feature's worst test is past its threshold "
    body += "(outlined: drift); marks above: windows where the data set drifted.</p>"
    body += HeatMap(history: history).render()
    let byFeature = Dictionary(grouping: history.results, by: \.feature)
    for (index, feature) in byFeature.keys.sorted().enumerated() {
      body += featureSection(
        feature, results: byFeature[feature] ?? [], anchor: "feature-\(index)", range: range)
    }
    return HTMLPage(title: "Drift history: \(history.monitor)", body: body).render()
  }

  /// Links to fixed ranges and a form for a custom one: plain HTML, works without script.
  private func rangePicker() -> String {
    guard !ranges.isEmpty || rangeForm != nil else { return "" }
    var html = "<nav class=\"ranges\">"
    for range in ranges {
      html += "<a href=\"\(HTMLText.escape(range.href))\">\(HTMLText.escape(range.label))</a> "
    }
    if let rangeForm {
      html += "<form method=\"get\" action=\"\(HTMLText.escape(rangeForm))\">"
      html += "<label>from <input name=\"since\" size=\"20\" "
      html += "value=\"\(TimeText.iso(history.since))\"></label> "
      html += "<label>to <input name=\"until\" size=\"20\" "
      html += "value=\"\(TimeText.iso(history.until))\"></label> "
      html += "<button type=\"submit\">show</button></form>"
    }
    return html + "</nav>"
  }

  private func featureSection(
    _ feature: String, results: [MonitorHistory.ResultPoint], anchor: String,
    range: ClosedRange<Int64>
  ) -> String {
    let drifted = results.contains(where: \.drifted)
    var html = "<section class=\"feature\(drifted ? " drifted" : "")\" id=\"\(anchor)\">"
    html += "<h2><span class=\"feature-name\">\(HTMLText.escape(feature))</span></h2>"
    html += "<div class=\"pair\"><div>"
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
      html += "<h3 data-test=\"\(test.rawValue)\">\(test.rawValue)"
      html += usesPValue ? " (\u{2212}log10 p)" : " (statistic)"
      html += "</h3>"
      html += TimeSeriesChart(
        points: series, range: range, threshold: chartThreshold,
        caption: "\(feature): \(test.rawValue) over time against its threshold"
      ).render()
    }
    html += "</div><div>"
    if let picture = history.latestPictures[feature], let distribution = picture.distribution {
      html += "<h3>Newest window against the baseline</h3>"
      html += DistributionChart(
        distribution: distribution,
        caption: "\(feature): newest window and baseline shares on the baseline's bins"
      ).render()
      html += "<div class=\"muted\"><span class=\"key base\"></span>baseline "
      html += "<span class=\"key target\"></span>newest window</div>"
    }
    return html + "</div></div></section>"
  }
}
