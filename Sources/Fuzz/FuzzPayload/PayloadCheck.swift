import DriftStats
import Foundation

@testable import DriftAlerts

/// The properties ``fuzzPayload(_:_:)`` checks.
enum PayloadCheck {
  /// The JSON parses back to the payload's strings and numbers.
  static func parsesBack(_ json: [UInt8], payload: AlertPayload) {
    let parsed = try? JSONSerialization.jsonObject(with: Data(json))
    guard let object = parsed as? [String: Any] else {
      preconditionFailure("payload JSON does not parse: \(String(decoding: json, as: UTF8.self))")
    }
    same(object["monitor"], payload.monitor, "monitor")
    same(object["rule"], payload.rule, "rule")
    same(object["id"], payload.id, "id")
    same(object["history_command"], payload.historyCommand, "history_command")
    if let error = payload.error { same(object["error"], error, "error") }
    let features = object["features"] as? [[String: Any]] ?? []
    precondition(features.count == payload.features.count, "feature count differs")
    for (parsedFeature, feature) in zip(features, payload.features) {
      same(parsedFeature["name"], feature.name, "feature name")
      let tests = parsedFeature["tests"] as? [[String: Any]] ?? []
      precondition(tests.count == feature.tests.count, "test count differs")
      for (parsedTest, test) in zip(tests, feature.tests) {
        number(parsedTest["statistic"], AlertPayload.finite(test.statistic), "statistic")
        number(parsedTest["p_value"], AlertPayload.pValue(of: test), "p_value")
      }
    }
    let view = PayloadView(bytes: json)
    precondition(view.monitor.map(Array.init) == Array(payload.monitor), "PayloadView monitor")
    precondition(view.rule.map(Array.init) == Array(payload.rule), "PayloadView rule")
    let names = (view.features ?? []).map { $0.name.map { Array($0.unicodeScalars) } }
    precondition(names == payload.features.map { Array($0.name.unicodeScalars) }, "view names")
  }

  /// The Slack body round-trips; the email is 7-bit and header-safe.
  static func messages(_ json: [UInt8], payload: AlertPayload) {
    let message = AlertMessage(payload: PayloadView(bytes: json))
    let text = message.slackText
    precondition(
      containsBytes(text, AlertMessage.slackEscape(payload.monitor)), "Slack text lost the monitor")
    guard let body = try? JSONEncoder().encode(["text": text]),
      let slack = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
    else { preconditionFailure("Slack body does not round-trip") }
    same(slack["text"], text, "Slack text")

    let email = EmailMessage(
      from: "driftwatch@example.org", to: ["ops@example.org"], id: payload.id, message: message,
      date: Date(timeIntervalSince1970: 1_800_000_000)
    ).bytes
    precondition(email.allSatisfy { $0 < 0x80 }, "email is not 7-bit")
    let lines = String(decoding: email, as: UTF8.self).components(separatedBy: "\r\n")
    for line in lines {
      precondition(!line.contains("\r") && !line.contains("\n"), "bare CR or LF in the email")
    }
    for header in lines.prefix(while: { !$0.isEmpty }) {
      let name = header.prefix(while: { $0 != ":" })
      precondition(
        name.count < header.count && name.allSatisfy { $0.isLetter || $0 == "-" },
        "not a header line: \(header)")
    }
    precondition(lines.prefix(while: { !$0.isEmpty }).count == 9, "headers added or lost")
  }

  /// Whether `needle`'s UTF-8 occurs in `text`'s: `String.contains` compares characters (and
  /// finds no empty string), and a name starting with a combining mark joins the character
  /// before it.
  private static func containsBytes(_ text: String, _ needle: String) -> Bool {
    let haystack = Array(text.utf8)
    let bytes = Array(needle.utf8)
    guard !bytes.isEmpty else { return true }
    guard haystack.count >= bytes.count else { return false }
    return (0...(haystack.count - bytes.count)).contains {
      haystack[$0..<($0 + bytes.count)].elementsEqual(bytes)
    }
  }

  private static func same(_ value: Any?, _ expected: String, _ what: String) {
    let text = value as? String
    precondition(
      text.map { Array($0.unicodeScalars) } == Array(expected.unicodeScalars),
      "\(what) differs after parsing: \(String(describing: text)) vs \(expected)")
  }

  private static func number(_ value: Any?, _ expected: Double?, _ what: String) {
    guard let expected else {
      precondition(value is NSNull, "\(what): expected null, got \(String(describing: value))")
      return
    }
    // Foundation's JSONSerialization reads some long numbers a few ulps off (1.1063927031514707e+74
    // comes back as ...706e+74, found by this target in CI): the payload prints the shortest
    // round-trip form, so allow the parser's error, 1e-12 relative, and nothing more.
    let parsed = (value as? NSNumber)?.doubleValue
    let close = parsed.map { $0 == expected || abs($0 - expected) <= 1e-12 * abs(expected) }
    precondition(
      close == true, "\(what) differs: \(String(describing: parsed)) vs \(expected)")
  }
}
