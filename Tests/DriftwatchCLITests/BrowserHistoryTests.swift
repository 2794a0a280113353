import Foundation
import Testing

/// `driftwatch report` over a real store filled by `run-once` on the example data, opened in
/// headless Chromium.
@Suite struct BrowserHistoryTests {
  @Test func historyReportShowsThePlantedDayInARealBrowser() throws {
    let browser = try HeadlessBrowser()
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(folder)
    // 48 hourly windows before 2026-11-03T00:15Z: the planted drift is all of 2026-11-02.
    let fill = try CLIProcess.run([
      "run-once", "--config", config, "--now", "2026-11-03T00:15:00Z", "--log-level", "warning",
    ])
    #expect(fill.status == 0, "\(fill.stderr)")
    let page = folder.appendingPathComponent("history.html")
    let run = try CLIProcess.run([
      "report", "--config", config, "--monitor", "credit-model", "--since",
      "2026-11-02T00:00:00Z", "--until", "2026-11-03T00:00:00Z", "-o", page.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let load = try browser.load(page.absoluteString)
    #expect(load.console.isEmpty, "console: \(load.console)")
    #expect(load.dom.contains("<title>Drift history: credit-model</title>"))
    #expect(load.dom.contains("24 windows from 2026-11-02 00:00 to 2026-11-03 00:00 UTC"))
    #expect(load.dom.components(separatedBy: "<svg class=\"chart heatmap\"").count == 2)
    let sections = load.dom.components(separatedBy: "<section class=\"feature").dropFirst()
    #expect(sections.count == 10)
    let drifted = sections.filter { $0.hasPrefix(" drifted") }.compactMap {
      BrowserReportTests.texts($0, tag: "span", class: "feature-name").first
    }
    // The four planted features, and at most one stable one (a Benjamini-Hochberg false
    // discovery: credit_score's welch_t in 1 of the 24 windows; see BrowserDashboardTests).
    let planted: Set = ["income", "debt_to_income", "region", "channel"]
    #expect(Set(drifted).isSuperset(of: planted), "drifted: \(drifted)")
    #expect(Set(drifted).subtracting(planted).count <= 1, "drifted: \(drifted)")
    // The newest window's distribution is drawn from the stored pictures.
    #expect(load.dom.components(separatedBy: "<svg class=\"chart distribution\"").count == 11)
    try browser.screenshot(
      page.absoluteString,
      to: BrowserReportTests.screenshots.appendingPathComponent("report-history.png"),
      height: 2400)
  }

  @Test func anEmptyRangeSaysSoAndAnUnknownMonitorIsAUsageError() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(folder)
    _ = try CLIProcess.run([
      "run-once", "--config", config, "--now", "2026-11-01T03:15:00Z", "--log-level", "warning",
    ])
    let empty = try CLIProcess.run([
      "report", "--config", config, "--monitor", "credit-model", "--since", "2020-01-01",
      "--until", "2020-01-02", "-o", "-",
    ])
    #expect(empty.status == 0, "\(empty.stderr)")
    #expect(empty.stdout.contains("No evaluated window in this range."))
    let unknown = try CLIProcess.run([
      "report", "--config", config, "--monitor", "credit-modle", "-o", "-",
    ])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("credit-model"))
  }
}
