import DriftHTML
import DriftStats
import DriftViews
import Foundation

/// What a report was computed from, printed beside it.
struct ReportInputs {
  var baselinePath: String
  var baselineRows: Int
  var baselineRejected: Int
  var targetPath: String
  var targetRows: Int
  var targetRejected: Int
  var settings: DriftSettings

  /// Both sides as the HTML page shows them.
  var sources: ComparisonSources {
    ComparisonSources(
      baselinePath: baselinePath, baselineRows: baselineRows, baselineRejected: baselineRejected,
      targetPath: targetPath, targetRows: targetRows, targetRejected: targetRejected)
  }
}

/// Turns a ``DriftReport`` into table, JSON or CSV text.
struct ReportRenderer {
  var format: OutputFormat
  var inputs: ReportInputs

  /// The whole output, ending with a newline.
  func render(_ report: DriftReport) -> String {
    switch format {
    case .table: ReportTable(inputs: inputs, report: report).render()
    case .json: json(report).rendered() + "\n"
    case .csv: csv(report)
    }
  }

  /// The JSON document: names fixed by the compare contract, more fields welcome.
  func json(_ report: DriftReport) -> JSONValue {
    .object([
      ("baseline", side(inputs.baselinePath, inputs.baselineRows, inputs.baselineRejected)),
      ("target", side(inputs.targetPath, inputs.targetRows, inputs.targetRejected)),
      ("features", .array(report.features.map(feature))),
      (
        "dataset",
        .object(
          [
            ("features", .int(report.dataset.features)),
            ("drifted_features", .int(report.dataset.driftedFeatures)),
            ("drifted_share", .number(report.dataset.driftedShare)),
            ("drift_share_threshold", .number(report.dataset.driftShareThreshold)),
            ("drifted", .bool(report.dataset.drifted)),
            ("correction", .string(inputs.settings.correction.rawValue)),
            ("family", .string(inputs.settings.family.rawValue)),
            ("min_effect", .number(inputs.settings.minimumEffect)),
          ] + Self.multivariateJSON(report.dataset))
      ),
    ])
  }

  /// `magnitude`, `auc`, `mcc`, `reconstruction_error`, `reconstruction` and
  /// `multivariate_note`: null where not computed.
  static func multivariateJSON(_ dataset: DatasetResult) -> [(String, JSONValue)] {
    let magnitude = dataset.magnitude
    let reconstruction = dataset.reconstruction
    return [
      ("magnitude", .number(magnitude?.magnitude)),
      ("auc", .number(magnitude?.auc)),
      ("mcc", .number(magnitude?.mcc)),
      ("magnitude_rows", magnitude.map { .int($0.baselineRows) } ?? .null),
      ("reconstruction_error", .number(reconstruction?.error)),
      (
        "reconstruction",
        reconstruction.map {
          .object([
            ("error", .number($0.error)), ("baseline_mean", .number($0.baselineMean)),
            ("baseline_std", .number($0.baselineStd)), ("lower", .number($0.lower)),
            ("upper", .number($0.upper)), ("components", .int($0.components)),
            ("drifted", .bool($0.drifted)),
          ])
        } ?? .null
      ),
      ("multivariate_note", dataset.multivariateNote.map { .string($0) } ?? .null),
    ]
  }

  private func side(_ path: String, _ rows: Int, _ rejected: Int) -> JSONValue {
    .object([("path", .string(path)), ("rows", .int(rows)), ("rejected_rows", .int(rejected))])
  }

  private func feature(_ result: FeatureResult) -> JSONValue {
    .object([
      ("name", .string(result.name)),
      ("type", .string(result.kind.rawValue)),
      ("baseline", summary(result.baseline)),
      ("target", summary(result.target)),
      ("outside_baseline_share", .number(result.outsideBaselineShare)),
      ("tests", .array(result.tests.map(test))),
      ("drifted", .bool(result.drifted)),
      ("contribution", .number(result.contribution)),
    ])
  }

  private func test(_ result: TestResult) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("test", .string(result.test.rawValue)),
      ("statistic", .number(result.statistic)),
      ("p_value", .number(result.pValue)),
      ("p_value_adjusted", .number(result.adjustedPValue)),
      ("threshold", threshold(result.threshold)),
      ("effect", .number(result.effect)),
      ("drifted", .bool(result.drifted)),
    ]
    if let error = result.error { members.append(("error", .string(error))) }
    members.append(contentsOf: HistoryView.exactnessJSON(result.exactness))
    return .object(members)
  }

  private func threshold(_ threshold: Threshold?) -> JSONValue {
    Self.thresholdJSON(threshold)
  }

  static func thresholdJSON(_ threshold: Threshold?) -> JSONValue {
    HistoryView.thresholdJSON(threshold)
  }

  private func summary(_ summary: SideSummary) -> JSONValue {
    switch summary {
    case .numeric(let s):
      return .object([
        ("count", .int(s.count)), ("missing", .int(s.missing)), ("infinite", .int(s.infinite)),
        ("mean", .number(s.mean)), ("std", .number(s.std)), ("min", .number(s.min)),
        ("p25", .number(s.p25)), ("p50", .number(s.p50)), ("p75", .number(s.p75)),
        ("max", .number(s.max)),
      ])
    case .categorical(let s):
      return .object([
        ("count", .int(s.count)), ("missing", .int(s.missing)), ("unique", .int(s.unique)),
        (
          "top",
          .array(
            s.top.map {
              .object([
                ("value", .string($0.label)), ("count", .int($0.count)),
                ("share", .number($0.share)),
              ])
            })
        ),
      ])
    }
  }

  /// One row per feature and test.
  func csv(_ report: DriftReport) -> String {
    var lines = [
      "feature,type,test,statistic,p_value,p_value_adjusted,threshold,drifted,error,contribution"
    ]
    for feature in report.features {
      for test in feature.tests {
        let fields = [
          feature.name, feature.kind.rawValue, test.test.rawValue,
          test.statistic.map { JSONValue.format($0) } ?? "",
          test.pValue.map { JSONValue.format($0) } ?? "",
          test.adjustedPValue.map { JSONValue.format($0) } ?? "",
          test.threshold?.summary ?? "", test.drifted ? "true" : "false", test.error ?? "",
          feature.contribution.map { JSONValue.format($0) } ?? "",
        ]
        lines.append(fields.map(Self.csvField).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
