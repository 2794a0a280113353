import Foundation
import Testing

/// `compare --format html` opened in a real browser (headless Chromium): the page loads with no
/// console message, shows the expected verdicts and charts, and markup or script planted in
/// feature names, category values and file names never runs. Screenshots go to
/// `.build/browser-screenshots/`.
@Suite struct BrowserReportTests {
  static let screenshots = CLIProcess.packageRoot.appendingPathComponent(
    ".build/browser-screenshots")

  /// Feature names that run script if a page inserts them unescaped (each sets the title).
  static let markupNames = [
    "<img src=x onerror=\"document.title='pwned-img'\">",
    "</script><script>document.title='pwned-script'</script>",
  ]
  /// Category values of the same kind, and one plain value.
  static let markupValues = [
    "<svg onload=\"document.title='pwned-svg'\">", "\"><b id=injected>x</b>",
    "</title></svg><script>console.error('pwned')</script>", "plain",
  ]

  /// Writes `compare --format html` of two files into `folder` and returns the page's file URL.
  static func report(_ baseline: String, _ target: String, into folder: URL) throws -> URL {
    let run = try CLIProcess.run(["compare", baseline, target, "--format", "html", "-q"])
    #expect(run.status == 0, "\(run.stderr)")
    let page = folder.appendingPathComponent("report.html")
    try Data(run.stdout.utf8).write(to: page)
    return page
  }

  /// The text of every element with the given class (enough for the flat markup we write).
  static func texts(_ dom: String, tag: String, class name: String) -> [String] {
    dom.components(separatedBy: "<\(tag) class=\"\(name)\">").dropFirst().map {
      String($0.prefix { $0 != "<" })
    }
  }

  @Test func creditReportShowsThePlantedDrift() throws {
    let browser = try HeadlessBrowser()
    let folder = try CLIProcess.temporaryFolder()
    let page = try Self.report(
      "baselines/credit-baseline.csv", "baselines/credit-target.csv", into: folder)
    let load = try browser.load(page.absoluteString)
    #expect(load.console.isEmpty, "console: \(load.console)")
    #expect(load.dom.contains("<title>Drift report: baselines/credit-target.csv</title>"))
    #expect(load.dom.components(separatedBy: "<svg class=\"chart distribution\"").count - 1 == 10)
    let drifted = load.dom.components(separatedBy: "<section class=\"feature drifted\"")
      .dropFirst().compactMap { Self.texts($0, tag: "span", class: "feature-name").first }
    // scripts/make_examples.py plants drift in exactly these four features.
    #expect(Set(drifted) == ["income", "debt_to_income", "region", "channel"])
    #expect(load.dom.contains("4 of 10 features drifted"))
    try browser.screenshot(
      page.absoluteString, to: Self.screenshots.appendingPathComponent("compare-credit.png"))
  }

  @Test func markupInNamesValuesAndFileNamesNeverRuns() throws {
    let browser = try HeadlessBrowser()
    let folder = try CLIProcess.temporaryFolder()
    let names = Self.markupNames
    let values = Self.markupValues
    func csv(rows: Int, shift: Int) -> String {
      var text =
        names.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        .joined(separator: ",") + "\n"
      for row in 0..<rows {
        let value = values[(row * 7 + shift) % values.count]
        text += "\(row % 50 + shift),\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
      }
      return text
    }
    let baseline = folder.appendingPathComponent(
      "base<script>document.title='pwned-file'.csv")
    let target = folder.appendingPathComponent("target\"><img src=x onerror=alert(1)>.csv")
    try Data(csv(rows: 600, shift: 0).utf8).write(to: baseline)
    try Data(csv(rows: 400, shift: 9).utf8).write(to: target)
    let page = try Self.report(baseline.path, target.path, into: folder)
    let load = try browser.load(page.absoluteString)
    #expect(load.console.isEmpty, "console: \(load.console)")
    let title = Self.between(load.dom, "<title>", "</title>") ?? ""
    #expect(title.hasPrefix("Drift report: ") && !title.contains("pwned-img"))
    #expect(!title.contains("pwned-svg") && !title.contains("pwned-script"))
    // No element was made from data: the only elements are the ones the page writes.
    for tag in ["<img", "<script", "<b id", "<svg onload"] {
      #expect(!load.dom.contains(tag), "an element \(tag) came from the data")
    }
    // The names are shown, as text.
    #expect(load.dom.contains("&lt;img src=x onerror="))
    #expect(load.dom.contains("&lt;/script&gt;&lt;script&gt;"))
    try browser.screenshot(
      page.absoluteString, to: Self.screenshots.appendingPathComponent("compare-hostile.png"))
  }

  static func between(_ text: String, _ start: String, _ end: String) -> String? {
    guard let from = text.range(of: start),
      let to = text.range(of: end, range: from.upperBound..<text.endIndex)
    else { return nil }
    return String(text[from.upperBound..<to.lowerBound])
  }
}
