import DriftStats

/// One feature of a comparison: verdict, every test against its threshold, the two
/// distributions on the same bins and both sides' summaries.
public struct FeatureSection: Sendable {
  /// The feature's result.
  public var result: FeatureResult
  /// The HTML `id` of the section (made from the feature's position, never from its name).
  public var anchor: String
  /// Whether `result.baseline` holds the baseline's summary. A stored window keeps only the
  /// target's, so the window page sets this to false and the summary shows the target alone.
  public var baselineSummaryKnown = true
  /// The label of the target side in the legend and summary.
  public var targetLabel = "target"

  /// Creates a section.
  public init(result: FeatureResult, anchor: String) {
    self.result = result
    self.anchor = anchor
  }

  /// The `<section>` element.
  public func render() -> String {
    let name = HTMLText.escape(result.name)
    var html = "<section class=\"feature\(result.drifted ? " drifted" : "")\" id=\"\(anchor)\">"
    html += "<h2><span class=\"feature-name\">\(name)</span> "
    html += "<span class=\"muted\">\(result.kind.rawValue)</span> \(Self.verdict(of: result))</h2>"
    html += "<div class=\"pair\"><div>"
    if let distribution = result.distribution, !distribution.bins.isEmpty {
      html += DistributionChart(
        distribution: distribution,
        caption: "\(result.name): baseline and target shares on the baseline's bins"
      ).render()
      html += "<div class=\"muted\"><span class=\"key base\"></span>baseline "
      html += "<span class=\"key target\"></span>\(targetLabel) (share of each side's rows)</div>"
    } else {
      html += "<p class=\"muted\">No distribution to draw (the baseline has no finite value).</p>"
    }
    html += "</div><div>" + testsTable() + summaryTable() + "</div></div></section>"
    return html
  }

  /// The verdict badge of a feature.
  public static func verdict(of result: FeatureResult) -> String {
    if result.drifted { return "<span class=\"verdict drift\">drift</span>" }
    if !result.tests.isEmpty, result.tests.allSatisfy({ $0.error != nil }) {
      return "<span class=\"verdict error\">not computed</span>"
    }
    return "<span class=\"verdict ok\">no drift</span>"
  }

  private func testsTable() -> String {
    var html = "<table class=\"tests\"><thead><tr><th>test</th><th class=\"num\">statistic</th>"
    html += "<th class=\"num\">p-value (adj.)</th><th>threshold</th><th>verdict</th></tr></thead>"
    html += "<tbody>"
    for test in result.tests {
      html += "<tr data-test=\"\(test.test.rawValue)\"><td>\(test.test.rawValue)</td>"
      html += "<td class=\"num\">\(NumberText.short(test.statistic))</td>"
      html += "<td class=\"num\">\(NumberText.pValue(test.adjustedPValue))</td>"
      html += "<td>\(HTMLText.escape(test.threshold?.summary ?? "\u{2013}"))</td><td>"
      if let error = test.error {
        html += "<span class=\"verdict error\">error</span> \(HTMLText.escape(error))"
      } else {
        html +=
          test.drifted
          ? "<span class=\"verdict drift\">drift</span>" : "<span class=\"verdict ok\">ok</span>"
      }
      html += "</td></tr>"
    }
    html += "</tbody></table>"
    if let contribution = result.contribution {
      html += "<p>Contribution to the drift magnitude: \(NumberText.short(contribution)) %</p>"
    }
    if result.outsideBaselineShare > 0 {
      let what = result.kind == .numeric ? "outside the baseline's range" : "in unseen categories"
      html += "<p>Target values \(what): \(NumberText.percent(result.outsideBaselineShare))</p>"
    }
    return html
  }

  private func summaryTable() -> String {
    var rows: [(String, String, String)] = []
    // Without the baseline's summary, both columns are the target's; only the second is shown.
    let baseline = baselineSummaryKnown ? result.baseline : result.target
    switch (baseline, result.target) {
    case (.numeric(let b), .numeric(let t)):
      rows = [
        ("count", "\(b.count)", "\(t.count)"), ("missing", "\(b.missing)", "\(t.missing)"),
        ("mean", NumberText.short(b.mean), NumberText.short(t.mean)),
        ("std", NumberText.short(b.std), NumberText.short(t.std)),
        ("min", NumberText.short(b.min), NumberText.short(t.min)),
        ("p25", NumberText.short(b.p25), NumberText.short(t.p25)),
        ("median", NumberText.short(b.p50), NumberText.short(t.p50)),
        ("p75", NumberText.short(b.p75), NumberText.short(t.p75)),
        ("max", NumberText.short(b.max), NumberText.short(t.max)),
      ]
    case (.categorical(let b), .categorical(let t)):
      rows = [
        ("rows", "\(b.count)", "\(t.count)"), ("missing", "\(b.missing)", "\(t.missing)"),
        ("categories", "\(b.unique)", "\(t.unique)"),
        (
          "most frequent", HTMLText.escape(b.top.first?.label ?? "\u{2013}"),
          HTMLText.escape(t.top.first?.label ?? "\u{2013}")
        ),
      ]
    default:
      return ""
    }
    var html = "<table class=\"summary\"><thead><tr><th></th>"
    html += baselineSummaryKnown ? "<th class=\"num\">baseline</th>" : ""
    html += "<th class=\"num\">\(targetLabel)</th></tr></thead><tbody>"
    for row in rows {
      html += "<tr><th>\(row.0)</th>"
      html += baselineSummaryKnown ? "<td class=\"num\">\(row.1)</td>" : ""
      html += "<td class=\"num\">\(row.2)</td></tr>"
    }
    return html + "</tbody></table>"
  }
}
