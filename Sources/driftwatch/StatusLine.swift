import DriftConfig
import DriftDaemon
import DriftData
import DriftStore
import Foundation

/// One monitor's status, as printed.
struct StatusLine {
  var monitor: MonitorConfiguration
  var status: MonitorStatus?
  var now: Int64

  /// The next window to become due after the last complete one.
  var nextDue: Window {
    let schedule = monitor.schedule
    let last = WindowPlanner.lastComplete(size: schedule.window, delay: schedule.delay, now: now)
    return Window(start: last.end, end: schedule.window.end(ofWindowStartingAt: last.end))
  }

  func count(_ status: RunStatus) -> Int { self.status?.counts[status] ?? 0 }

  var json: JSONValue {
    let last = status?.lastWindow
    return .object([
      ("monitor", .string(monitor.name)),
      ("window", .string(monitor.schedule.window.description)),
      (
        "last_window",
        last.map { last in
          .object([
            ("start", .string(Timestamp.format(last.window.start))),
            ("end", .string(Timestamp.format(last.window.end))),
            ("status", .string(last.status.rawValue)),
            ("rows", .int(last.rows)),
            ("drifted_features", .array(last.driftedFeatures.map { .string($0) })),
            ("magnitude", .number(last.magnitude)),
          ])
        } ?? .null
      ),
      ("next_due_window", .string(Timestamp.format(nextDue.start))),
      ("next_due_at", .string(Timestamp.format(nextDue.end + monitor.schedule.delay))),
      ("windows_ok", .int(count(.ok))),
      ("windows_insufficient_data", .int(count(.insufficientData))),
      ("windows_failed", .int(count(.failed))),
      ("windows_skipped", .int(count(.skipped))),
      ("failing_since", status?.failingSince.map { .string(Timestamp.format($0)) } ?? .null),
      (
        "last_error",
        status?.lastError.map { error in
          .object([
            ("window", .string(Timestamp.format(error.window.start))),
            ("message", .string(error.message)),
          ])
        } ?? .null
      ),
    ])
  }

  static func table(_ lines: [StatusLine]) -> String {
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

  static func csv(_ lines: [StatusLine]) -> String {
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
