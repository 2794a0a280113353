import DriftData
import DriftStats
import Foundation

/// The terminal rendering of a report: aligned columns, drifted rows marked.
struct ReportTable {
  var inputs: ReportInputs
  var report: DriftReport

  func render() -> String {
    var out =
      "Baseline: \(TerminalText.escaped(inputs.baselinePath)) (\(Self.grouped(inputs.baselineRows)) rows"
    out +=
      inputs.baselineRejected > 0 ? ", \(Self.grouped(inputs.baselineRejected)) skipped)\n" : ")\n"
    out +=
      "Target:   \(TerminalText.escaped(inputs.targetPath)) (\(Self.grouped(inputs.targetRows)) rows"
    out +=
      inputs.targetRejected > 0 ? ", \(Self.grouped(inputs.targetRejected)) skipped)\n\n" : ")\n\n"

    var rows: [[String]] = [
      ["", "FEATURE", "TYPE", "TEST", "STATISTIC", "P-VALUE", "THRESHOLD", "RESULT", "CONTRIB"]
    ]
    for feature in report.features {
      for (index, test) in feature.tests.enumerated() {
        let first = index == 0
        rows.append([
          first && feature.drifted ? "*" : "",
          first ? feature.name : "",
          first ? feature.kind.rawValue : "",
          test.test.rawValue,
          test.statistic.map { Self.short($0) } ?? "-",
          test.adjustedPValue.map { Self.short($0) } ?? "-",
          test.threshold?.summary ?? "none",
          test.error.map { "error: \($0)" } ?? (test.drifted ? "DRIFT" : "ok"),
          first ? feature.contribution.map { String(format: "%.1f%%", $0) } ?? "-" : "",
        ])
      }
      if let note = Self.note(feature) { rows.append(["", "", "", note, "", "", "", "", ""]) }
    }
    out += Self.align(rows, rightAligned: [4, 5, 8])
    let dataset = report.dataset
    out += "\nDrifted features: \(dataset.driftedFeatures) of \(dataset.features)"
    out +=
      " (\(Self.percent(dataset.driftedShare))). Data set drift: \(dataset.drifted ? "YES" : "no")"
    out += " (at \(Self.percent(dataset.driftShareThreshold)) of features"
    out += ", p-values corrected: \(inputs.settings.correction.rawValue)).\n"
    let drifted = report.features.filter(\.drifted).map { TerminalText.escaped($0.name) }
    if !drifted.isEmpty { out += "Drifted: \(drifted.joined(separator: ", "))\n" }
    out += Self.multivariateLines(dataset)
    return out
  }

  /// The drift magnitude and reconstruction error lines.
  static func multivariateLines(_ dataset: DatasetResult) -> String {
    var out = ""
    if let magnitude = dataset.magnitude {
      out += String(
        format: "Drift magnitude: %.1f%% (classifier AUC %.3f, MCC %.3f, ",
        magnitude.magnitude, magnitude.auc, magnitude.mcc)
      out += "\(grouped(magnitude.baselineRows)) rows a side)\n"
    }
    if let reconstruction = dataset.reconstruction {
      out += "Reconstruction error: \(short(reconstruction.error)) "
      out += "(baseline \(short(reconstruction.lower)) to \(short(reconstruction.upper)), "
      out += "\(reconstruction.components) components): "
      out += reconstruction.drifted ? "DRIFT\n" : "ok\n"
    }
    if let note = dataset.multivariateNote {
      out += "Drift magnitude not computed: \(TerminalText.escaped(note))\n"
    }
    return out
  }

  /// A short line under a feature: how its centre or top category moved.
  static func note(_ feature: FeatureResult) -> String? {
    var parts = [String]()
    switch (feature.baseline, feature.target) {
    case (.numeric(let b), .numeric(let t)):
      if let bm = b.mean, let tm = t.mean { parts.append("mean \(short(bm)) -> \(short(tm))") }
    case (.categorical(let b), .categorical(let t)):
      if let top = b.top.first, let other = t.top.first {
        parts.append(
          "top \(top.label) \(percent(top.share)) -> \(other.label) \(percent(other.share))")
      }
    default: break
    }
    if feature.outsideBaselineShare > 0 {
      parts.append("\(percent(feature.outsideBaselineShare)) outside baseline")
    }
    return parts.isEmpty ? nil : "  (" + parts.joined(separator: "; ") + ")"
  }

  /// Four significant digits, switching to exponent form for very small or large values.
  static func short(_ value: Double) -> String {
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude < 1e-4 || magnitude >= 1e9 { return String(format: "%.3g", value) }
    if magnitude >= 1e4 { return String(format: "%.0f", value) }
    return String(format: "%.4g", value)
  }

  static func percent(_ share: Double) -> String {
    String(format: share < 0.1 && share > 0 ? "%.2f%%" : "%.1f%%", share * 100)
  }

  static func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return out
  }

  /// Pads each column to its widest cell, two spaces apart. Every cell is shown with its control
  /// characters escaped (``TerminalText``): cells hold names and values from data.
  static func align(_ rows: [[String]], rightAligned: Set<Int>) -> String {
    let rows = rows.map { $0.map { TerminalText.escaped($0) } }
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() where !(cell.hasPrefix("  (") && index == 3) {
        widths[index] = max(widths[index], cell.count)
      }
    }
    var out = ""
    for row in rows {
      var line = ""
      for (index, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
        line += rightAligned.contains(index) ? pad + cell : cell + pad
        if index + 1 < row.count { line += index == 0 ? " " : "  " }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out
  }
}
