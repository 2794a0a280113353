import DriftStats
import Foundation
import Testing

@testable import DriftHTML

/// The feature and window pages: every chart drawn from the values given, links, and names and
/// categories made of markup escaped everywhere.
@Suite struct FeatureWindowPageTests {
  static let hour: Int64 = 3600
  static let name = HostileTable.payloads[0]
  static let category = HostileTable.payloads[4]

  static func summary(mean: Double, missing: Int) -> SideSummary {
    .numeric(
      NumericSummary(
        sample: NumericSample(
          values: [mean - 1, mean, mean + 1] + (missing > 0 ? [Double.nan] : []))))
  }

  static func distribution() -> BinnedDistribution {
    BinnedDistribution(bins: [
      .init(role: .category, label: category, baseline: 60, target: 10),
      .init(role: .category, label: "plain", baseline: 40, target: 30),
    ])
  }

  static func history() -> FeatureHistory {
    var windows: [FeatureHistory.WindowPoint] = []
    var results: [MonitorHistory.ResultPoint] = []
    for index in 0..<6 {
      let start = Int64(index) * hour
      windows.append(
        .init(
          start: start, summary: summary(mean: Double(index) - 3, missing: index == 5 ? 1 : 0),
          contribution: index == 0 ? nil : Double(index * 10), drifted: index >= 4))
      results.append(
        .init(
          windowStart: start, feature: name, test: .ks, statistic: 0.1,
          pValue: index >= 4 ? 1e-6 : 0.5, threshold: Threshold(pValue: 0.01),
          drifted: index >= 4))
      results.append(
        .init(
          windowStart: start, feature: name, test: .wasserstein, statistic: Double(index) / 10,
          pValue: nil, threshold: Threshold(calibrated: CalibratedBand(lower: 0.05, upper: 0.35)),
          drifted: index >= 4))
    }
    return FeatureHistory(
      monitor: "m<script>", feature: name, since: 0, until: 6 * hour, results: results,
      windows: windows, shownWindow: 5 * hour,
      shownPicture: FeaturePicture(
        summary: summary(mean: 2, missing: 1), distribution: distribution()))
  }

  static func noScript(_ html: String) {
    for tag in ["<script", "<img", "<b>", "<svg onload"] {
      #expect(!html.contains(tag), "unescaped \(tag)")
    }
  }

  @Test func featurePageDrawsTestsDistributionSummaryAndContribution() {
    var page = FeaturePage(history: Self.history())
    page.windowLink = { "/w/\($0)" }
    page.monitorLink = "/m"
    page.ranges = [("last day", "/f?since=-1d")]
    page.rangeForm = "/f"
    let html = page.render()
    Self.noScript(html)
    #expect(html.contains("&lt;img src=x onerror="))
    // ks, wasserstein, mean, median, missing rate, contribution.
    #expect(html.components(separatedBy: "<svg class=\"chart series\"").count - 1 == 6)
    #expect(html.components(separatedBy: "<svg class=\"chart distribution\"").count - 1 == 1)
    // The calibrated band: both edges drawn on the wasserstein chart.
    let wasserstein = html.components(separatedBy: "<h3 data-test=\"wasserstein\">")[1]
      .components(separatedBy: "</svg>")[0]
    #expect(wasserstein.components(separatedBy: "<line class=\"threshold\"").count - 1 == 2)
    #expect(wasserstein.contains("calibrated band"))
    // The mean goes below 0: the axis follows the data (lowest tick below -3).
    let mean = html.components(separatedBy: "<h3>Mean</h3>")[1].components(separatedBy: "</svg>")[0]
    #expect(mean.contains(">-3.") || mean.contains(">\u{2212}3."), "\(mean.prefix(800))")
    #expect(html.contains("<span id=\"shown-window\">1970-01-01T05:00:00Z</span>"))
    #expect(html.contains("href=\"/w/18000\""))
    #expect(html.contains("2 with drift"))
    // The newest window is shown: the form carries no hidden window.
    #expect(!html.contains("type=\"hidden\""))
  }

  @Test func aChosenOlderWindowIsKeptByTheRangeForm() {
    var history = Self.history()
    history.shownWindow = 2 * Self.hour
    var page = FeaturePage(history: history)
    page.rangeForm = "/f"
    let html = page.render()
    #expect(html.contains("<input type=\"hidden\" name=\"window\" value=\"1970-01-01T02:00:00Z\">"))
  }

  @Test func emptyFeatureHistorySaysSo() {
    let history = FeatureHistory(
      monitor: "m", feature: "f", since: 0, until: 10, results: [], windows: [],
      shownWindow: nil, shownPicture: nil)
    #expect(FeaturePage(history: history).render().contains("No evaluated window"))
  }

  @Test func windowPageShowsEveryFeatureAsCompareDoes() {
    let tests = [
      TestResult.restored(
        test: .chisquare, statistic: 12.5, pValue: 1e-5, adjustedPValue: 2e-5,
        threshold: Threshold(pValue: 0.05), effect: nil, drifted: true, error: nil)
    ]
    let target = SideSummary.categorical(
      CategoricalSummary(
        counts: CategoryCounts(labels: [Self.category, "plain"], counts: [10, 30], missing: 2)))
    let feature = FeatureResult.restored(
      name: Self.name, kind: .categorical, baseline: target, target: target,
      outsideBaselineShare: 0, tests: tests, contribution: 42, distribution: Self.distribution())
    var dataset = DatasetResult(features: [feature], driftShareThreshold: 0.5)
    dataset.magnitude = DriftMagnitude(
      magnitude: 42, auc: 0.71, mcc: 0.3, baselineRows: 100, targetRows: 40)
    var page = WindowPage(
      monitor: "m<script>", start: 7200, end: 10800, status: "ok", dataset: dataset,
      features: [feature])
    page.featureLink = { "/f/\($0.count)" }
    page.monitorLink = "/m"
    page.neighbours = ("/w/3600", "/w/10800")
    let html = page.render()
    Self.noScript(html)
    #expect(html.contains("<span id=\"window-start\">1970-01-01T02:00:00Z</span>"))
    #expect(html.contains("1 of 1 features drifted"))
    #expect(html.contains("drift magnitude 42 %"))
    #expect(html.contains("<tr data-test=\"chisquare\">"))
    #expect(html.contains("Contribution to the drift magnitude: 42 %"))
    #expect(html.components(separatedBy: "<svg class=\"chart distribution\"").count - 1 == 1)
    // The summary shows the window alone: the store keeps no baseline summary per window.
    #expect(html.contains("<th class=\"num\">window</th></tr>"))
    #expect(!html.contains("<th class=\"num\">baseline</th>"))
    #expect(html.contains("href=\"/f/\(Self.name.count)\""))
    #expect(html.contains("rel=\"prev\" href=\"/w/3600\""))
  }
}

/// The integer-arithmetic number formatting the charts use, against `String(format:)`.
@Suite struct FixedNumberTests {
  @Test func fixedMatchesPrintfExceptOnExactHalves() {
    var state: UInt64 = 7
    var checked = 0
    for index in 0..<20_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let magnitude = [1.0, 100, 1e6, 1e-3][index % 4]
      let value = (Double(state >> 11) / Double(1 << 53) - 0.3) * magnitude
      for decimals in [2, 3] {
        let scaled = abs(value) * pow(10, Double(decimals))
        // Where the scaled value sits on a half, printf rounds the exact binary value and may
        // go the other way: both are stable, neither is checked.
        if abs(scaled - scaled.rounded(.down) - 0.5) < 1e-6 { continue }
        #expect(
          NumberText.fixed(value, decimals: decimals)
            == String(format: "%.\(decimals)f", value), "\(value)")
        checked += 1
      }
    }
    #expect(checked > 39_000)
    #expect(NumberText.coordinate(.nan) == "0.00")
    #expect(NumberText.fixed(-0.001, decimals: 2) == "-0.00")
    #expect(NumberText.fixed(12.5, decimals: 2) == "12.50")
  }
}
