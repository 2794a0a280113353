import DriftStats

/// One feature of a monitor over time: each test against its threshold, a window's
/// distribution beside the baseline's, the summary over time (mean, median, missing rate) and
/// its contribution to the drift magnitude.
public struct FeaturePage: Sendable {
  /// What is drawn.
  public var history: FeatureHistory
  /// Links to other time ranges (label, URL).
  public var ranges: [(label: String, href: String)] = []
  /// Where the custom range form sends `since` and `until`; `nil`: no form.
  public var rangeForm: String?
  /// The monitor page's URL; `nil`: no link.
  public var monitorLink: String?
  /// A window page's URL, by window start; `nil`: no links.
  public var windowLink: (@Sendable (Int64) -> String)?

  /// Creates a page.
  public init(history: FeatureHistory) {
    self.history = history
  }

  /// The HTML document.
  public func render() -> String {
    let range = history.since...max(history.until, history.since + 1)
    let feature = history.feature
    let name = HTMLText.escape(feature)
    var body = "<nav class=\"crumbs\">"
    if let monitorLink {
      body += "<a id=\"monitor-link\" href=\"\(HTMLText.escape(monitorLink))\">"
      body += "\(HTMLText.escape(history.monitor))</a>"
    }
    body += "</nav><header><h1>Feature <span class=\"feature-name\">\(name)</span> of "
    body += "<span class=\"monitor-name\">\(HTMLText.escape(history.monitor))</span></h1>"
    let windows = history.windows
    body += "<p class=\"muted\">\(windows.count) windows from \(TimeText.minute(range.lowerBound))"
    body += " to \(TimeText.minute(range.upperBound)) UTC; "
    body += "\(windows.filter(\.drifted).count) with drift</p></header>"
    var picker = RangePicker(
      ranges: ranges, form: rangeForm, since: history.since, until: history.until)
    if let shown = history.shownWindow, shown != windows.last?.start {
      picker.hidden = [("window", TimeText.iso(shown))]
    }
    body += picker.render()
    if windows.isEmpty {
      body += "<p id=\"empty\">No evaluated window of this feature in this range.</p>"
      return HTMLPage(title: "\(feature): \(history.monitor)", body: body).render()
    }
    body += "<div class=\"pair\"><section id=\"tests\"><h2>Tests over time</h2>"
    body += TestCharts(feature: feature, results: history.results, range: range).render()
    body += "</section><section id=\"distribution\">" + distribution() + "</section></div>"
    body += "<section id=\"summary\"><h2>Summary over time</h2>" + summaryCharts(range: range)
    body += "</section>"
    let contributions = windows.map {
      TimeSeriesChart.Point(time: $0.start, value: $0.contribution, drifted: $0.drifted)
    }
    if contributions.contains(where: { $0.value != nil }) {
      body += "<section id=\"contribution\"><h2>Contribution to the drift magnitude</h2>"
      body += TimeSeriesChart(
        points: contributions, range: range, ceiling: 100,
        caption: "\(feature): share of the drift magnitude over time", unit: " %"
      ).render()
      body += "</section>"
    }
    return HTMLPage(title: "\(feature): \(history.monitor)", body: body).render()
  }

  private func distribution() -> String {
    guard let shown = history.shownWindow else { return "" }
    var html = "<h2>Window <span id=\"shown-window\">\(TimeText.iso(shown))</span> against the "
    html += "baseline</h2>"
    if let windowLink {
      html += "<p><a id=\"window-link\" href=\"\(HTMLText.escape(windowLink(shown)))\">"
      html += "every feature in this window</a></p>"
    }
    guard let picture = history.shownPicture, let distribution = picture.distribution else {
      return html + "<p class=\"muted\">No distribution stored for this window.</p>"
    }
    html += DistributionChart(
      distribution: distribution,
      caption: "\(history.feature): window and baseline shares on the baseline's bins"
    ).render()
    html += "<div class=\"muted\"><span class=\"key base\"></span>baseline "
    html += "<span class=\"key target\"></span>window (share of each side's rows)</div>"
    return html
  }

  private func summaryCharts(range: ClosedRange<Int64>) -> String {
    let windows = history.windows
    var html = ""
    func numeric(_ value: (NumericSummary) -> Double?) -> [TimeSeriesChart.Point] {
      windows.map { point in
        guard case .numeric(let summary) = point.summary else {
          return .init(time: point.start, value: nil, drifted: point.drifted)
        }
        return .init(time: point.start, value: value(summary), drifted: point.drifted)
      }
    }
    let hasNumeric = windows.contains {
      if case .numeric = $0.summary { return true }
      return false
    }
    if hasNumeric {
      html +=
        "<h3>Mean</h3>"
        + Self.valueChart(
          numeric(\.mean), range: range, caption: "\(history.feature): mean over time")
      html +=
        "<h3>Median</h3>"
        + Self.valueChart(
          numeric(\.p50), range: range, caption: "\(history.feature): median over time")
    }
    let missing = windows.map {
      TimeSeriesChart.Point(
        time: $0.start, value: $0.missingRate.map { $0 * 100 }, drifted: $0.drifted)
    }
    if missing.contains(where: { $0.value != nil }) {
      html += "<h3>Missing rate</h3>"
      html += TimeSeriesChart(
        points: missing, range: range, caption: "\(history.feature): missing rate over time",
        unit: " %"
      ).render()
    } else {
      html += "<p class=\"muted\">No summaries stored in this range (windows stored before "
      html += "pictures were kept).</p>"
    }
    return html
  }

  /// A chart whose axis spans the values (means and medians may be negative or far from 0).
  static func valueChart(
    _ points: [TimeSeriesChart.Point], range: ClosedRange<Int64>, caption: String
  ) -> String {
    var chart = TimeSeriesChart(points: points, range: range, caption: caption)
    chart.fitsToData = true
    return chart.render()
  }
}
