import DriftConfig
import DriftData
import DriftViews
import Foundation

/// The table and CSV renderings of `status`: one line per monitor's shared ``StatusView``.
extension StatusView {
  /// The aligned table, with the last errors (escaped) under it.
  static func table(_ lines: [StatusView]) -> String {
    var rows: [[String]] = [
      [
        "MONITOR", "LAST WINDOW", "STATUS", "ROWS", "DRIFTED", "MAGNITUDE", "NEXT DUE", "FAILED",
        "SKIPPED",
      ]
    ]
    var errors = [String]()
    for line in lines {
      let last = line.status?.lastWindow
      let drifted = last.map {
        $0.driftedFeatures.isEmpty ? "none" : $0.driftedFeatures.joined(separator: ",")
      }
      rows.append([
        line.monitor.name, last.map { Timestamp.format($0.window.start) } ?? "never",
        last?.status.rawValue ?? "-", last.map { String($0.rows) } ?? "-", drifted ?? "-",
        last?.magnitude.map(DatasetHistory.percent) ?? "-",
        Timestamp.format(line.nextDue.end + line.monitor.schedule.delay),
        String(line.count(.failed)),
        String(line.count(.skipped)),
      ])
      if let error = line.status?.lastError {
        var text =
          "\(line.monitor.name): window \(Timestamp.format(error.window.start)): \(error.message)"
        if let since = line.status?.failingSince {
          text += " (failing since \(Timestamp.format(since)))"
        }
        errors.append(TerminalText.escaped(text))
      }
    }
    var out = ReportTable.align(rows, rightAligned: [3, 5, 7, 8])
    if !errors.isEmpty {
      out += "\nLast errors:\n" + errors.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
    return out
  }

  /// One CSV row per monitor, the exact text of data kept.
  static func csv(_ lines: [StatusView]) -> String {
    var out = [
      "monitor,last_window,status,rows,drifted_features,magnitude,next_due_at,failed,skipped,"
        + "last_error"
    ]
    for line in lines {
      let last = line.status?.lastWindow
      let magnitude: String =
        last?.magnitude.flatMap { $0.isFinite ? JSONValue.format($0) : nil } ?? ""
      let fields: [String] = [
        line.monitor.name, last.map { Timestamp.format($0.window.start) } ?? "",
        last?.status.rawValue ?? "",
        last.map { String($0.rows) } ?? "", last?.driftedFeatures.joined(separator: ";") ?? "",
        magnitude, Timestamp.format(line.nextDue.end + line.monitor.schedule.delay),
        String(line.count(.failed)),
        String(line.count(.skipped)), line.status?.lastError?.message ?? "",
      ]
      out.append(fields.map(ReportRenderer.csvField).joined(separator: ","))
    }
    return out.joined(separator: "\n") + "\n"
  }
}
