import DriftData
import DriftStats
import DriftStore
import DriftViews
import Foundation

/// `driftwatch history --dataset` (or `--feature __dataset__`): one row per evaluated window
/// with the data-set-level results, as a table, JSON or CSV.
struct DatasetHistory {
  var rows: [DatasetHistoryRow]

  /// The CSV header and one line per window; empty fields where nothing was computed.
  static func csv(_ rows: [DatasetHistoryRow]) -> String {
    var lines = [
      "monitor,window_start,window_end,magnitude,auc,mcc,reconstruction_error,"
        + "reconstruction_lower,reconstruction_upper,reconstruction_drifted,features,"
        + "drifted_features,drifted_share,drifted,drifted_feature_names"
    ]
    func number(_ value: Double?) -> String {
      value.flatMap { $0.isFinite ? JSONValue.format($0) : nil } ?? ""
    }
    for row in rows {
      let dataset = row.dataset
      let reconstruction = dataset.reconstruction
      lines.append(
        [
          row.monitor, Timestamp.format(row.window.start), Timestamp.format(row.window.end),
          number(dataset.magnitude?.magnitude), number(dataset.magnitude?.auc),
          number(dataset.magnitude?.mcc), number(reconstruction?.error),
          number(reconstruction?.lower), number(reconstruction?.upper),
          reconstruction.map { $0.drifted ? "true" : "false" } ?? "",
          String(dataset.features), String(dataset.driftedFeatures),
          number(dataset.driftedShare), dataset.drifted ? "true" : "false",
          row.driftedFeatures.joined(separator: ";"),
        ].map(ReportRenderer.csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Sparklines of the magnitude and the reconstruction error, then one line per window.
  func table() -> String {
    guard let first = rows.first, let last = rows.last else {
      return "No stored data-set results match.\n"
    }
    var out =
      "\(TerminalText.escaped(first.monitor)): data set, \(Timestamp.format(first.window.start)) to "
      + "\(Timestamp.format(last.window.end)), \(rows.count) windows\n\n"
    let magnitudes = rows.map { $0.dataset.magnitude?.magnitude }
    let errors = rows.map { $0.dataset.reconstruction?.error }
    out += ReportTable.align(
      [
        ["", "", "LAST", "(oldest -> newest)"],
        [
          "", "magnitude", magnitudes.last.flatMap { $0 }.map(Self.percent) ?? "-",
          HistoryTable.sparkline(magnitudes),
        ],
        [
          "", "reconstruction error",
          errors.last.flatMap { $0 }.map { ReportTable.short($0) }
            ?? "-", HistoryTable.sparkline(errors),
        ],
      ], rightAligned: [2])
    out += "\n"
    var table: [[String]] = [
      ["", "WINDOW", "MAGNITUDE", "AUC", "RECONSTRUCTION", "DRIFTED SHARE", "DRIFTED FEATURES"]
    ]
    for row in rows {
      let dataset = row.dataset
      let reconstructionDrifted = dataset.reconstruction?.drifted == true
      table.append([
        dataset.drifted || reconstructionDrifted ? "*" : "",
        Timestamp.format(row.window.start),
        dataset.magnitude.map { Self.percent($0.magnitude) } ?? "-",
        dataset.magnitude.map { ReportTable.short($0.auc) } ?? "-",
        dataset.reconstruction.map(Self.reconstruction) ?? "-",
        ReportTable.percent(dataset.driftedShare),
        row.driftedFeatures.isEmpty ? "none" : row.driftedFeatures.joined(separator: ","),
      ])
    }
    out += ReportTable.align(table, rightAligned: [2, 3, 5])
    return out
  }

  /// A magnitude in percent, e.g. `42.1 %`.
  static func percent(_ value: Double) -> String {
    value.isFinite ? String(format: "%.1f %%", value) : "-"
  }

  /// `1.93 [0.8, 1.2] drifted`: the error, its band and the verdict.
  static func reconstruction(_ drift: ReconstructionDrift) -> String {
    "\(ReportTable.short(drift.error)) [\(ReportTable.short(drift.lower)), "
      + "\(ReportTable.short(drift.upper))]\(drift.drifted ? " drifted" : "")"
  }
}
