import DriftStats

/// A whole comparison of a target with a baseline as one self-contained HTML page: what
/// `driftwatch compare --format html` writes.
public struct ComparisonPage: Sendable {
  /// Where the two sides came from.
  public var sources: ComparisonSources
  /// The comparison.
  public var report: DriftReport

  /// Creates a page.
  public init(sources: ComparisonSources, report: DriftReport) {
    self.sources = sources
    self.report = report
  }

  /// The HTML document.
  public func render() -> String {
    let dataset = report.dataset
    var body = "<header><h1>Drift report</h1><p class=\"muted\">baseline "
    body += "<span class=\"mono path\">\(HTMLText.escape(sources.baselinePath))</span> "
    body +=
      "(\(sources.baselineRows) rows\(Self.rejected(sources.baselineRejected))) against target "
    body += "<span class=\"mono path\">\(HTMLText.escape(sources.targetPath))</span> "
    body += "(\(sources.targetRows) rows\(Self.rejected(sources.targetRejected)))</p></header>"
    body += Self.datasetVerdict(dataset)
    body += Self.featureTable(report.features)
    for (index, feature) in report.features.enumerated() {
      body += FeatureSection(result: feature, anchor: "feature-\(index)").render()
    }
    body += "<footer class=\"muted\"><p>Written by driftwatch. Bars are shares of each side's rows "
    body += "on the baseline's decile bins (numeric) or its most frequent categories.</p></footer>"
    return HTMLPage(title: "Drift report: \(sources.targetPath)", body: body).render()
  }

  /// The data-set verdict paragraph (`#dataset-verdict`), as `compare` and the window page
  /// show it.
  static func datasetVerdict(_ dataset: DatasetResult) -> String {
    var body = "<p id=\"dataset-verdict\">"
    body +=
      dataset.drifted
      ? "<span class=\"verdict drift\">data set drifted</span> "
      : "<span class=\"verdict ok\">no data set drift</span> "
    body += "\(dataset.driftedFeatures) of \(dataset.features) features drifted "
    body += "(\(NumberText.percent(dataset.driftedShare)); the data set counts as drifted at "
    body += "\(NumberText.percent(dataset.driftShareThreshold)))"
    if let magnitude = dataset.magnitude {
      body += "; drift magnitude \(NumberText.short(magnitude.magnitude)) % "
      body += "(AUC \(NumberText.short(magnitude.auc)))"
    }
    if let reconstruction = dataset.reconstruction {
      body += "; reconstruction error \(NumberText.short(reconstruction.error)) (quiet band "
      body +=
        "\(NumberText.short(reconstruction.lower)) to \(NumberText.short(reconstruction.upper)))"
    }
    body += "</p>"
    if let note = dataset.multivariateNote {
      body += "<p class=\"muted\">\(HTMLText.escape(note))</p>"
    }
    return body
  }

  /// The table of features with verdicts and contributions, each name linking to its section
  /// (`#feature-N`); with `pageLink`, a further column links to each feature's own page.
  static func featureTable(
    _ features: [FeatureResult], pageLink: ((String) -> String)? = nil
  ) -> String {
    var html = "<table class=\"overview\"><thead><tr><th>feature</th><th>type</th><th>verdict</th>"
    html += "<th>drifted tests</th><th class=\"num\">contribution</th>"
    html += pageLink == nil ? "" : "<th></th>"
    html += "</tr></thead><tbody>"
    for (index, feature) in features.enumerated() {
      let drifted = feature.tests.filter(\.drifted).map(\.test.rawValue).joined(separator: ", ")
      html += "<tr><td><a href=\"#feature-\(index)\">\(HTMLText.escape(feature.name))</a></td>"
      html += "<td>\(feature.kind.rawValue)</td><td>\(FeatureSection.verdict(of: feature))</td>"
      html += "<td>\(drifted.isEmpty ? "\u{2013}" : drifted)</td>"
      html +=
        "<td class=\"num\">\(feature.contribution.map { NumberText.short($0) + " %" } ?? "\u{2013}")"
      html += "</td>"
      if let pageLink {
        html += "<td><a class=\"feature-link\" href=\"\(HTMLText.escape(pageLink(feature.name)))\">"
        html += "over time</a></td>"
      }
      html += "</tr>"
    }
    return html + "</tbody></table>"
  }

  private static func rejected(_ count: Int) -> String {
    count > 0 ? ", \(count) skipped" : ""
  }
}
