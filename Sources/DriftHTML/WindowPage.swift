import DriftStats

/// One stored window of a monitor as a page: the data-set verdict and every feature's results
/// as `compare --format html` shows them (the same verdict, table and feature sections), with
/// the stored target summary and both sides' distributions on the baseline's bins.
public struct WindowPage: Sendable {
  /// The monitor (untrusted text).
  public var monitor: String
  /// Window start, seconds since 1970.
  public var start: Int64
  /// Window end (exclusive).
  public var end: Int64
  /// `ok`, `insufficient_data` or `failed`.
  public var status: String
  /// The data-set verdict; `nil` when the window was not evaluated.
  public var dataset: DatasetResult?
  /// Every feature's results (`baseline` holds the target's summary: the store keeps no
  /// baseline summary per window, and the page shows the target's alone).
  public var features: [FeatureResult]
  /// The monitor page's URL; `nil`: no link.
  public var monitorLink: String?
  /// A feature page's URL; `nil`: no links.
  public var featureLink: (@Sendable (String) -> String)?
  /// The previous and the next stored window's page, when there are such windows.
  public var neighbours: (previous: String?, next: String?) = (nil, nil)

  /// Creates a page.
  public init(
    monitor: String, start: Int64, end: Int64, status: String, dataset: DatasetResult?,
    features: [FeatureResult]
  ) {
    self.monitor = monitor
    self.start = start
    self.end = end
    self.status = status
    self.dataset = dataset
    self.features = features
  }

  /// The HTML document.
  public func render() -> String {
    let name = HTMLText.escape(monitor)
    var body = "<nav class=\"crumbs\">"
    if let monitorLink {
      body += "<a id=\"monitor-link\" href=\"\(HTMLText.escape(monitorLink))\">\(name)</a> "
    }
    if let previous = neighbours.previous {
      body += "<a rel=\"prev\" href=\"\(HTMLText.escape(previous))\">\u{2190} previous window</a> "
    }
    if let next = neighbours.next {
      body += "<a rel=\"next\" href=\"\(HTMLText.escape(next))\">next window \u{2192}</a>"
    }
    body += "</nav><header><h1>Window <span id=\"window-start\">\(TimeText.iso(start))</span>"
    body += " of <span class=\"monitor-name\">\(name)</span></h1>"
    body += "<p class=\"muted\">[\(TimeText.minute(start)), \(TimeText.minute(end))) UTC; "
    body += "status <span id=\"window-status\">\(HTMLText.escape(status))</span></p></header>"
    if let dataset { body += ComparisonPage.datasetVerdict(dataset) }
    if features.isEmpty {
      body += "<p id=\"empty\">No feature results stored for this window.</p>"
    } else {
      body += ComparisonPage.featureTable(features, pageLink: featureLink)
    }
    for (index, feature) in features.enumerated() {
      var section = FeatureSection(result: feature, anchor: "feature-\(index)")
      section.baselineSummaryKnown = false
      section.targetLabel = "window"
      body += section.render()
    }
    body += "<footer class=\"muted\"><p>Bars are shares of each side's rows on the baseline's "
    body += "decile bins (numeric) or its most frequent categories.</p></footer>"
    return HTMLPage(title: "Window \(TimeText.iso(start)): \(monitor)", body: body).render()
  }
}
