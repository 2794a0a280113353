import Foundation

/// The parts of a notification payload (``AlertPayload``, read back from the outbox) that
/// messages are written from (email, Slack).
///
/// Decoding is lenient: a missing or unexpected field leaves a gap in the text, never a failed
/// delivery, so a newer payload version still produces a readable message.
struct PayloadView: Decodable, Sendable {
  struct Window: Decodable, Sendable {
    var start: PayloadTime?
    var end: PayloadTime?
  }

  struct TestResult: Decodable, Sendable {
    var test: String?
    var statistic: Double?
    var pValue: Double?
    var threshold: String?
    var drifted: Bool?

    enum CodingKeys: String, CodingKey {
      case test, statistic, threshold, drifted
      case pValue = "p_value"
    }
  }

  struct Feature: Decodable, Sendable {
    var name: String?
    var state: String?
    var tests: [TestResult]?
    var contribution: Double?
  }

  struct Dataset: Decodable, Sendable {
    var driftedShare: Double?
    var magnitude: Double?
    var auc: Double?
    var reconstructionError: Double?
    var reconstructionLower: Double?
    var reconstructionUpper: Double?
    var reconstructionDrifted: Bool?

    enum CodingKeys: String, CodingKey {
      case magnitude, auc
      case driftedShare = "drifted_share"
      case reconstructionError = "reconstruction_error"
      case reconstructionLower = "reconstruction_lower"
      case reconstructionUpper = "reconstruction_upper"
      case reconstructionDrifted = "reconstruction_drifted"
    }
  }

  var id: String?
  var monitor: String?
  var rule: String?
  var severity: String?
  var status: String?
  var window: Window?
  var features: [Feature]?
  var dataset: Dataset?
  var historyCommand: String?
  var url: String?

  enum CodingKeys: String, CodingKey {
    case id, monitor, rule, severity, status, window, features, dataset, url
    case historyCommand = "history_command"
  }

  /// The payload in `bytes`, or an empty one when it is not the JSON expected.
  init(bytes: [UInt8]) {
    self = (try? JSONDecoder().decode(PayloadView.self, from: Data(bytes))) ?? PayloadView()
  }

  init() {}
}

/// A time in the payload: Unix seconds or already formatted text.
struct PayloadTime: Decodable, Sendable {
  /// The time as people read it (`2026-11-02T00:00:00Z`).
  var text: String

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let seconds = try? container.decode(Int64.self) {
      let date = Date(timeIntervalSince1970: TimeInterval(seconds))
      text = date.formatted(.iso8601)
    } else {
      text = try container.decode(String.self)
    }
  }
}
