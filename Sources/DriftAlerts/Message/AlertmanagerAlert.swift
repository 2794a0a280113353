import DriftData
import Foundation

/// One alert as Alertmanager's `POST /api/v2/alerts` takes it (a list of these is the body).
///
/// Alertmanager identifies an alert by its labels: driftwatch's labels are `alertname` (the
/// rule), `monitor`, `severity` and, for a rule over features, `feature`. Re-posting the same
/// labels refreshes the alert; `endsAt` in the past resolves it.
struct AlertmanagerAlert: Encodable, Sendable, Equatable {
  var labels: [String: String]
  var annotations: [String: String]
  var startsAt: String
  var endsAt: String?

  /// The labels of a rule's alert.
  static func labels(rule: String, monitor: String, severity: String, feature: String)
    -> [String: String]
  {
    var labels = ["alertname": rule, "monitor": monitor, "severity": severity]
    if !feature.isEmpty { labels["feature"] = feature }
    return labels
  }

  /// RFC 3339 with seconds, UTC.
  static func time(_ seconds: Int64) -> String {
    Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
  }

  /// The JSON body for a list of alerts, keys sorted (the same alerts give the same bytes).
  static func body(_ alerts: [AlertmanagerAlert]) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(alerts)).map { [UInt8]($0) } ?? Array("[]".utf8)
  }

  /// The alerts a notification payload stands for: one per feature of a per-feature rule, one
  /// for a rule over the monitor. Firing alerts carry no `endsAt` (Alertmanager keeps them
  /// for its `resolve_timeout`, and driftwatch re-posts them well within it); resolved ones end
  /// when their window ended (never later than `now`).
  static func alerts(payload: [UInt8], now: Int64) -> [AlertmanagerAlert] {
    let view = PayloadView(bytes: payload)
    let rule = view.rule ?? "driftwatch"
    let monitor = view.monitor ?? ""
    let severity = view.severity ?? "warning"
    let start = view.window?.start.flatMap { Timestamp.parse($0.text, now: now) } ?? now
    let end = view.window?.end.flatMap { Timestamp.parse($0.text, now: now) } ?? now
    var annotations = [
      "window": "\(time(start))/\(time(end))",
      "summary": "driftwatch: \(rule) \(view.status ?? "firing") on \(monitor)",
    ]
    if let magnitude = view.dataset?.magnitude, magnitude.isFinite {
      annotations["drift_magnitude"] = String(format: "%.1f %%", magnitude)
    }
    if let share = view.dataset?.driftedShare, share.isFinite {
      annotations["drifted_share"] = String(format: "%.3f", share)
    }
    if let command = view.historyCommand { annotations["history_command"] = command }
    if let url = view.url { annotations["dashboard_url"] = url }
    let features = view.features?.isEmpty == false ? view.features ?? [] : [.init()]
    return features.compactMap { feature in
      let name = feature.name ?? ""
      let state = name.isEmpty ? (view.status ?? "firing") : (feature.state ?? view.status ?? "")
      guard state == "firing" || state == "resolved" else { return nil }
      var notes = annotations
      let drifted = (feature.tests ?? []).filter { $0.drifted == true }.compactMap(\.test)
      notes["description"] =
        name.isEmpty
        ? "Monitor \(monitor): rule \(rule) is \(state) as of the window \(time(start))."
        : "Feature \(name) of monitor \(monitor): rule \(rule) is \(state)"
          + (drifted.isEmpty ? "." : " (drifted: \(drifted.joined(separator: ", "))).")
      let labels = Self.labels(rule: rule, monitor: monitor, severity: severity, feature: name)
      if state == "resolved" {
        let ends = min(end, now)
        return AlertmanagerAlert(
          labels: labels, annotations: notes, startsAt: time(min(start, ends - 1)),
          endsAt: time(ends))
      }
      return AlertmanagerAlert(
        labels: labels, annotations: notes, startsAt: time(min(end, now)), endsAt: nil)
    }
  }
}
