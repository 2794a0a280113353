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
  /// The URL of a feature's page; `nil`: no links (a file report).
  public var featureLink: (@Sendable (String) -> String)?
  /// The URL of a window's page, by window start; `nil`: no links.
  public var windowLink: (@Sendable (Int64) -> String)?

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
    body += RangePicker(
      ranges: ranges, form: rangeForm, since: history.since, until: history.until
    ).render()
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
    var heatMap = HeatMap(history: history)
    heatMap.featureLink = featureLink
    heatMap.windowLink = windowLink
    body += heatMap.render()
    let byFeature = Dictionary(grouping: history.results, by: \.feature)
    for (index, feature) in byFeature.keys.sorted().enumerated() {
      body += featureSection(
        feature, results: byFeature[feature] ?? [], anchor: "feature-\(index)", range: range)
    }
    return HTMLPage(title: "Drift history: \(history.monitor)", body: body).render()
  }

  private func featureSection(
    _ feature: String, results: [MonitorHistory.ResultPoint], anchor: String,
    range: ClosedRange<Int64>
  ) -> String {
    let drifted = results.contains(where: \.drifted)
    var html = "<section class=\"feature\(drifted ? " drifted" : "")\" id=\"\(anchor)\">"
    html += "<h2><span class=\"feature-name\">\(HTMLText.escape(feature))</span>"
    if let featureLink {
      html += " <a class=\"feature-link\" href=\"\(HTMLText.escape(featureLink(feature)))\">"
      html += "feature page</a>"
    }
    html += "</h2><div class=\"pair\"><div>"
    html += TestCharts(feature: feature, results: results, range: range).render()
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
