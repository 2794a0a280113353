import Foundation
import Testing

/// The dashboard's feature and window pages of a real `serve` (stores filled by `run-once`),
/// opened in headless Chromium: no console message, the values the CLI reads from the same
/// store, links between the pages, and markup planted in feature names and category values
/// that never runs.
@Suite(.serialized) struct BrowserFeatureWindowTests {
  /// The features `history --format json` says drifted in the window starting at `start`.
  static func driftedFeatures(_ config: String, start: String, end: String) throws -> Set<String> {
    let run = try CLIProcess.run([
      "history", "--config", config, "--monitor", "credit-model", "--since", start, "--until",
      end, "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    return Set(
      rows.filter { $0["drifted"] as? Bool == true }.compactMap { $0["feature"] as? String })
  }

  @Test func featureAndWindowPagesRenderInARealBrowser() throws {
    let browser = try HeadlessBrowser()
    let config = try HTTPListenerTests.filledStore()
    let served = try ServedDaemon.start(config: config, now: HTTPListenerTests.now)
    defer { _ = served.stop() }
    let day = "since=2026-11-02T00:00:00Z&until=2026-11-03T00:00:00Z"

    // The monitor page links to both new pages (heat map rows and columns, feature sections).
    let monitor = try browser.load("\(served.base)/dashboard/monitors/credit-model?\(day)")
    #expect(monitor.dom.contains("href=\"/dashboard/monitors/credit-model/features/income\""))
    #expect(
      monitor.dom.contains(
        "href=\"/dashboard/monitors/credit-model/windows/2026-11-02T12:00:00Z\""))

    let featureURL = "\(served.base)/dashboard/monitors/credit-model/features/income?\(day)"
    let feature = try browser.load(featureURL)
    #expect(feature.console.isEmpty, "console: \(feature.console)")
    #expect(feature.dom.contains("<title>income: credit-model</title>"))
    #expect(feature.dom.contains("24 windows from 2026-11-02 00:00 to 2026-11-03 00:00 UTC"))
    #expect(feature.dom.contains("<h3 data-test=\"ks\">"), "\(feature.dom.prefix(3000))")
    #expect(feature.dom.contains("<h3>Mean</h3>") && feature.dom.contains("<h3>Median</h3>"))
    #expect(feature.dom.contains("<h3>Missing rate</h3>"))
    #expect(feature.dom.components(separatedBy: "<svg class=\"chart distribution\"").count == 2)
    // The newest window of the range is drawn, and links to its page.
    #expect(feature.dom.contains("<span id=\"shown-window\">2026-11-02T23:00:00Z</span>"))
    #expect(
      feature.dom.contains(
        "id=\"window-link\" href=\"/dashboard/monitors/credit-model/windows/2026-11-02T23:00:00Z\""
      ))
    // A chosen window, kept by the range links.
    let chosen = try browser.load("\(featureURL)&window=2026-11-02T05:00:00Z")
    #expect(chosen.console.isEmpty, "console: \(chosen.console)")
    #expect(chosen.dom.contains("<span id=\"shown-window\">2026-11-02T05:00:00Z</span>"))
    #expect(chosen.dom.contains("since=-7d&amp;window=2026-11-02T05:00:00Z"))
    try browser.screenshot(
      featureURL,
      to: BrowserReportTests.screenshots.appendingPathComponent("dashboard-feature.png"),
      height: 1600)

    let windowURL = "\(served.base)/dashboard/monitors/credit-model/windows/2026-11-02T12:00:00Z"
    let window = try browser.load(windowURL)
    #expect(window.console.isEmpty, "console: \(window.console)")
    #expect(window.dom.contains("<span id=\"window-start\">2026-11-02T12:00:00Z</span>"))
    #expect(window.dom.contains("<span id=\"window-status\">ok</span>"))
    let sections = window.dom.components(separatedBy: "<section class=\"feature").dropFirst()
    #expect(sections.count == 10)
    let drifted = sections.filter { $0.hasPrefix(" drifted") }.compactMap {
      BrowserReportTests.texts($0, tag: "span", class: "feature-name").first
    }
    let expected = try Self.driftedFeatures(
      config, start: "2026-11-02T12:00:00Z", end: "2026-11-02T13:00:00Z")
    #expect(!expected.isEmpty)
    #expect(Set(drifted) == expected)
    #expect(window.dom.contains("id=\"dataset-verdict\""))
    #expect(window.dom.components(separatedBy: "<svg class=\"chart distribution\"").count == 11)
    #expect(window.dom.contains("href=\"/dashboard/monitors/credit-model/features/region\""))
    #expect(
      window.dom.contains("href=\"/dashboard/monitors/credit-model/windows/2026-11-02T11:00:00Z\""))
    try browser.screenshot(
      windowURL, to: BrowserReportTests.screenshots.appendingPathComponent("dashboard-window.png"),
      height: 2400)

    // Errors name what is wrong.
    let base = "\(served.base)/dashboard/monitors/credit-model"
    let noFeature = try HTTPPeer.get("\(base)/features/incme")
    #expect(noFeature.status == 404)
    #expect(noFeature.text.contains("no stored results for feature &#39;incme&#39;"))
    #expect(try HTTPPeer.get("\(base)/windows/yesterday-ish").status == 400)
    let noWindow = try HTTPPeer.get("\(base)/windows/2020-01-01T00:00:00Z")
    #expect(noWindow.status == 404)
    #expect(noWindow.text.contains("no stored window starting at 2020-01-01T00:00:00Z"))
    #expect(try HTTPPeer.get("\(served.base)/dashboard/monitors/nope/windows/x").status == 404)
  }

  @Test func markupInFeatureNamesAndCategoriesNeverRunsOnTheNewPages() throws {
    let browser = try HeadlessBrowser()
    let folder = try CLIProcess.temporaryFolder()
    let names = BrowserReportTests.markupNames
    let values = BrowserReportTests.markupValues
    func quoted(_ text: String) -> String {
      "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    var baseline = names.map(quoted).joined(separator: ",") + "\n"
    for row in 0..<600 {
      baseline += "\(row % 50),\(quoted(values[(row * 7) % values.count]))\n"
    }
    var target = "ts," + names.map(quoted).joined(separator: ",") + "\n"
    let start = 1_793_577_600  // 2026-11-02T00:00:00Z
    for row in 0..<400 {
      let ts = Date(timeIntervalSince1970: TimeInterval(start + row * 9)).formatted(.iso8601)
      target += "\(ts),\(row % 50 + 9),\(quoted(values[(row * 7 + 9) % values.count]))\n"
    }
    let baselinePath = folder.appendingPathComponent("baseline.csv")
    let targetPath = folder.appendingPathComponent("target.csv")
    try Data(baseline.utf8).write(to: baselinePath)
    try Data(target.utf8).write(to: targetPath)
    let config = try DaemonProcessTests.writeConfig(
      folder,
      monitors: """
        monitors:
          - name: credit-model
            baseline: { path: \(baselinePath.path) }
            target: { files: \(targetPath.path), timestamp_column: ts }
            schedule: { window: 1h, delay: 10m, min_rows: 50, catch_up: 3 }
        """, extra: "http: { listen: 127.0.0.1:0 }")
    let fill = try CLIProcess.run([
      "run-once", "--config", config, "--now", "2026-11-02T02:15:00Z", "--log-level", "warning",
    ])
    #expect(fill.status == 0, "\(fill.stderr)")
    let served = try ServedDaemon.start(config: config, now: "2026-11-02T02:15:00Z")
    defer { _ = served.stop() }
    let allowed = CharacterSet.alphanumerics
    let base = "\(served.base)/dashboard/monitors/credit-model"
    var pages = ["\(base)/windows/2026-11-02T00:00:00Z"]
    for name in names {
      let path = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
      pages.append("\(base)/features/\(path)?since=2026-11-02T00:00:00Z&until=2026-11-03")
    }
    for url in pages {
      let load = try browser.load(url)
      #expect(load.console.isEmpty, "\(url) console: \(load.console)")
      let title = BrowserReportTests.between(load.dom, "<title>", "</title>") ?? ""
      // A script that ran would have replaced the title with just its marker.
      #expect(title.hasSuffix("credit-model") && !title.hasPrefix("pwned"), "\(url): \(title)")
      for tag in ["<img", "<script", "<b id", "<svg onload"] {
        #expect(!load.dom.contains(tag), "\(url): an element \(tag) came from the data")
      }
      #expect(load.dom.contains("&lt;img src=x onerror=") || load.dom.contains("&lt;/script&gt;"))
      #expect(load.dom.contains("<svg class=\"chart distribution\""), "\(url)")
    }
    try browser.screenshot(
      pages[0],
      to: BrowserReportTests.screenshots.appendingPathComponent("dashboard-window-hostile.png"))
  }
}
