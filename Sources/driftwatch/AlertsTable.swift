import DriftData
import DriftStore
import DriftViews

/// The renderings of alert history: a table, JSON and CSV.
enum AlertsTable {
  static func render(_ rows: [AlertEventRow]) -> String {
    guard !rows.isEmpty else { return "No alert events match.\n" }
    var table: [[String]] = [
      ["WINDOW", "MONITOR", "RULE", "FEATURE", "CHANGE", "SEVERITY", "DELIVERY"]
    ]
    for row in rows {
      table.append([
        Timestamp.format(row.windowStart), row.monitor, row.rule,
        row.feature.isEmpty ? "-" : row.feature, change(row), row.severity, delivery(row),
      ])
    }
    return ReportTable.align(table, rightAligned: [])
  }

  /// `pending -> firing`, or `firing (repeat)` for a re-notification.
  static func change(_ row: AlertEventRow) -> String {
    row.from == row.to
      ? "\(row.to.rawValue) (repeat)" : "\(row.from.rawValue) -> \(row.to.rawValue)"
  }

  /// `ops: delivered, mail: pending (3 attempts: timeout)`; `-` when nothing was sent.
  static func delivery(_ row: AlertEventRow) -> String {
    guard row.notificationID != nil else { return "-" }
    guard !row.deliveries.isEmpty else { return "no notifiers" }
    return row.deliveries.map { delivery in
      var text = "\(delivery.notifier): \(delivery.status.rawValue)"
      switch delivery.status {
      case .delivered: break
      case .pending where delivery.attempts > 0:
        text += " (\(delivery.attempts) attempts: \(delivery.lastError ?? "-"))"
      case .pending: break
      case .dead: text += " (\(delivery.deadReason ?? delivery.lastError ?? "-"))"
      }
      return text
    }.joined(separator: ", ")
  }

  /// The shared JSON shape (the API answers the same).
  static func json(_ row: AlertEventRow) -> JSONValue { AlertEventView.json(row) }

  static func csv(_ rows: [AlertEventRow]) -> String {
    var lines = [
      "window_start,monitor,rule,feature,from,to,severity,notification_id,notifier,status,attempts,last_error"
    ]
    for row in rows {
      let base = [
        Timestamp.format(row.windowStart), row.monitor, row.rule, row.feature, row.from.rawValue,
        row.to.rawValue, row.severity, row.notificationID ?? "",
      ]
      let deliveries = row.deliveries.isEmpty ? [nil] : row.deliveries.map { Optional($0) }
      for delivery in deliveries {
        let fields =
          base + [
            delivery?.notifier ?? "", delivery?.status.rawValue ?? "",
            delivery.map { String($0.attempts) } ?? "", delivery?.lastError ?? "",
          ]
        lines.append(fields.map(ReportRenderer.csvField).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
