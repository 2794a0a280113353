import DriftData
import Foundation

/// The words of a notification, for people: a subject line, plain text, HTML, Slack text.
struct AlertMessage: Sendable {
  /// The payload the message is written from.
  let payload: PayloadView

  /// `FIRING`, `RESOLVED`, `TEST`.
  var statusWord: String { (payload.status ?? "alert").uppercased() }

  /// The feature names, at most five, then a count of the rest.
  var featureList: String {
    let names = (payload.features ?? []).compactMap(\.name)
    guard !names.isEmpty else { return "" }
    let shown = names.prefix(5).joined(separator: ", ")
    return names.count > 5 ? "\(shown), +\(names.count - 5) more" : shown
  }

  /// `[driftwatch] FIRING critical: credit-model feature-drift (income, region)`, its control
  /// characters escaped (``TerminalText``) like every line of the message.
  var subject: String {
    var text = "[driftwatch] \(statusWord)"
    if let severity = payload.severity { text += " \(severity)" }
    text += ": \(payload.monitor ?? "unknown monitor")"
    if let rule = payload.rule { text += " \(rule)" }
    if !featureList.isEmpty { text += " (\(featureList))" }
    return TerminalText.escaped(text)
  }

  /// The window as `start - end`.
  var windowText: String? {
    guard let window = payload.window else { return nil }
    return "\(window.start?.text ?? "?") - \(window.end?.text ?? "?")"
  }

  /// `Drift magnitude: 42.1 % (AUC 0.83)`, when the payload has a magnitude.
  var magnitudeLine: String? {
    guard let magnitude = payload.dataset?.magnitude else { return nil }
    let auc = payload.dataset?.auc.map { " (AUC \(Self.format($0)))" } ?? ""
    return "Drift magnitude: \(Self.format(magnitude)) %\(auc)"
  }

  /// `Reconstruction error: 1.93 (band 0.8 - 1.2): drifted`, when the payload has one.
  var reconstructionLine: String? {
    guard let dataset = payload.dataset, let error = dataset.reconstructionError else {
      return nil
    }
    var text = "Reconstruction error: \(Self.format(error))"
    if let lower = dataset.reconstructionLower, let upper = dataset.reconstructionUpper {
      text += " (band \(Self.format(lower)) - \(Self.format(upper)))"
    }
    if let drifted = dataset.reconstructionDrifted { text += drifted ? ": drifted" : ": ok" }
    return text
  }

  /// The data-set lines shown under the window: magnitude and reconstruction error.
  var datasetLines: [String] { [magnitudeLine, reconstructionLine].compactMap { $0 } }

  /// ` (contribution 23.4 %)` for a feature with a contribution, else empty.
  static func contributionText(_ feature: PayloadView.Feature) -> String {
    feature.contribution.map { " (contribution \(format($0)) %)" } ?? ""
  }

  /// One line per test of a feature: `ks statistic 0.31, p 0.0001, threshold 0.01: drifted`.
  static func testLine(_ test: PayloadView.TestResult) -> String {
    var parts: [String] = []
    if let statistic = test.statistic { parts.append("statistic \(format(statistic))") }
    if let pValue = test.pValue { parts.append("p \(format(pValue))") }
    if let threshold = test.threshold { parts.append("threshold \(threshold)") }
    let verdict = test.drifted.map { $0 ? ": drifted" : ": ok" } ?? ""
    return "\(test.test ?? "test") \(parts.joined(separator: ", "))\(verdict)"
  }

  /// Four significant digits, enough to read and short enough for a chat line.
  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    if value != 0, abs(value) < 0.001 || abs(value) >= 1e6 {
      let exponent = Int(log10(abs(value)).rounded(.down))
      let mantissa = value / pow(10, Double(exponent))
      return "\((mantissa * 1000).rounded() / 1000)e\(exponent)"
    }
    return "\((value * 10000).rounded() / 10000)"
  }

  /// The plain-text body.
  var plainText: String {
    var lines = [subject, ""]
    if let windowText { lines.append("Window: \(windowText)") }
    if let severity = payload.severity { lines.append("Severity: \(severity)") }
    lines += datasetLines
    for feature in payload.features ?? [] {
      lines.append("")
      lines.append(
        "\(feature.name ?? "feature"): \(feature.state ?? "")\(Self.contributionText(feature))")
      for test in feature.tests ?? [] {
        lines.append("  \(Self.testLine(test))")
      }
    }
    if let command = payload.historyCommand {
      lines += ["", "History: \(command)"]
    }
    if let url = payload.url { lines.append("Dashboard: \(url)") }
    if let id = payload.id { lines += ["", "Notification id: \(id)"] }
    return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
  }

  /// The HTML body (every value escaped).
  var html: String {
    var out = "<!DOCTYPE html><html><body>\n<h2>\(Self.escape(subject))</h2>\n"
    if let windowText { out += "<p>Window: \(Self.escape(windowText))</p>\n" }
    for line in datasetLines { out += "<p>\(Self.escape(line))</p>\n" }
    if !(payload.features ?? []).isEmpty {
      out += "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n"
      out += "<tr><th>feature</th><th>state</th><th>tests</th></tr>\n"
      for feature in payload.features ?? [] {
        let tests = (feature.tests ?? []).map { Self.escape(Self.testLine($0)) }
        out += "<tr><td>\(Self.escape((feature.name ?? "") + Self.contributionText(feature)))</td>"
        out += "<td>\(Self.escape(feature.state ?? ""))</td>"
        out += "<td>\(tests.joined(separator: "<br>"))</td></tr>\n"
      }
      out += "</table>\n"
    }
    if let command = payload.historyCommand {
      out += "<p>History: <code>\(Self.escape(command))</code></p>\n"
    }
    if let url = payload.url, url.hasPrefix("http://") || url.hasPrefix("https://") {
      out += "<p>Dashboard: <a href=\"\(Self.escape(url))\">\(Self.escape(url))</a></p>\n"
    }
    if let id = payload.id { out += "<p><small>Notification id: \(Self.escape(id))</small></p>\n" }
    return out + "</body></html>\n"
  }

  /// Slack `text` (mrkdwn).
  var slackText: String {
    var lines = ["*\(Self.slackEscape(subject))*"]
    if let windowText { lines.append("Window: \(Self.slackEscape(windowText))") }
    lines += datasetLines.map(Self.slackEscape)
    for feature in payload.features ?? [] {
      let tests = (feature.tests ?? []).map(Self.testLine).joined(separator: "; ")
      let name = Self.slackEscape((feature.name ?? "feature") + Self.contributionText(feature))
      lines.append("- \(name) (\(feature.state ?? "")): \(Self.slackEscape(tests))")
    }
    if let command = payload.historyCommand {
      lines.append("History: `\(Self.slackEscape(command))`")
    }
    if let url = payload.url { lines.append("Dashboard: \(Self.slackEscape(url))") }
    return lines.map { TerminalText.escaped($0) }.joined(separator: "\n")
  }

  /// `text` for HTML: control characters escaped (``TerminalText``), then `&<>"` as entities.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in TerminalText.escaped(text) {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }

  /// Slack wants only `&`, `<` and `>` escaped (after control characters, ``TerminalText``).
  static func slackEscape(_ text: String) -> String {
    TerminalText.escaped(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
      of: "<", with: "&lt;"
    )
    .replacingOccurrences(of: ">", with: "&gt;")
  }
}
