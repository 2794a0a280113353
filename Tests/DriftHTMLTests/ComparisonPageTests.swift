import DriftStats
import Foundation
import Testing

@testable import DriftHTML

@Suite struct ComparisonPageTests {
  static func page(shift: Double) throws -> (html: String, report: DriftReport) {
    let profile = try BaselineProfile(table: HostileTable.table(rows: 3000, seed: 1, shift: 0))
    let report = try Evaluator.evaluate(
      profile: profile, target: HostileTable.table(rows: 1000, seed: 2, shift: shift),
      settings: DriftSettings())
    let sources = ComparisonSources(
      baselinePath: "base<script>alert(1)</script>.csv", baselineRows: 3000, baselineRejected: 0,
      targetPath: "\"><img src=x onerror=alert(2)>.csv", targetRows: 1000, targetRejected: 3)
    return (ComparisonPage(sources: sources, report: report).render(), report)
  }

  @Test func markupFromDataNeverReachesThePageAsMarkup() throws {
    let html = try Self.page(shift: 1).html
    for tag in ["<script", "<img", "<b>", "<svg onload", "</title></svg>"] {
      #expect(!html.contains(tag), "unescaped \(tag)")
    }
    // Every payload is there, escaped, as text.
    for payload in HostileTable.payloads {
      #expect(html.contains(HTMLText.escape(payload)))
    }
    #expect(html.contains("base&lt;script&gt;alert(1)&lt;/script&gt;.csv"))
  }

  @Test func pageIsSelfContained() throws {
    let html = try Self.page(shift: 0).html
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("prefers-color-scheme: dark"))
    #expect(html.contains("Content-Security-Policy"))
    let svgNamespace = "http://www.w3.org/2000/svg"
    let outsideNamespace = html.replacingOccurrences(of: svgNamespace, with: "")
    for reference in ["http://", "https://", "src=\"", "href=\"http", "<link", "<script"] {
      #expect(!outsideNamespace.contains(reference), "external reference \(reference)")
    }
    let style = try #require(Self.between(html, "<style>", "</style>"))
    #expect(!style.contains("url(") && !style.contains("@import"))
  }

  @Test func chartsShowEachSidesSharesOnTheSameBins() throws {
    let (html, report) = try Self.page(shift: 1.5)
    #expect(html.components(separatedBy: "<svg class=\"chart distribution\"").count - 1 == 2)
    // The drawn shares are the distribution's shares: each side sums to 1 per chart.
    for (index, feature) in report.features.enumerated() {
      let distribution = try #require(feature.distribution)
      let section = try #require(Self.section(html, anchor: "feature-\(index)"))
      #expect(abs(Self.shares(section, side: "bar-base").reduce(0, +) - 1) < 1e-4)
      #expect(abs(Self.shares(section, side: "bar-target").reduce(0, +) - 1) < 1e-4)
      #expect(Self.shares(section, side: "bar-target").count == distribution.bins.count)
    }
    #expect(html.contains("data set drifted") == report.dataset.drifted)
    #expect(html.contains("<tr data-test=\"ks\">"))
  }

  static func between(_ text: String, _ start: String, _ end: String) -> String? {
    guard let from = text.range(of: start),
      let to = text.range(of: end, range: from.upperBound..<text.endIndex)
    else { return nil }
    return String(text[from.upperBound..<to.lowerBound])
  }

  static func section(_ html: String, anchor: String) -> String? {
    guard let start = html.range(of: "id=\"\(anchor)\"") else { return nil }
    let rest = html[start.upperBound...]
    let end = rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }

  static func shares(_ section: String, side: String) -> [Double] {
    section.components(separatedBy: "<rect class=\"\(side)\" data-share=\"").dropFirst().compactMap
    {
      Double($0.prefix { $0 != "\"" })
    }
  }
}
