import DriftData
import DriftStats
import Hummingbird

/// The query parameters of an API request, checked and converted like the CLI's options.
struct QueryReader {
  /// The largest page size.
  static let maxLimit = 5000
  /// The page size when `limit` is absent.
  static let defaultLimit = 500

  let request: Request
  let now: Int64

  private func value(_ name: String) -> String? {
    request.uri.queryParameters.get(name)
  }

  /// A time as `history --since` takes it: RFC 3339, a date, `now` or relative (`-7d`).
  func time(_ name: String) throws(APIError) -> Int64? {
    guard let text = value(name) else { return nil }
    guard let seconds = Timestamp.parse(text, now: now) else {
      throw .badRequest(
        "\(name): not a time; use RFC 3339 (2026-11-25T13:00:00Z), a date, 'now' or -7d/-12h")
    }
    return seconds
  }

  /// `true`, `false`, `1` or `0`; `false` when absent.
  func flag(_ name: String) throws(APIError) -> Bool {
    switch value(name) {
    case nil, "false", "0": return false
    case "true", "1", "": return true
    default: throw .badRequest("\(name): expected true or false")
    }
  }

  /// A plain string.
  func string(_ name: String) -> String? { value(name) }

  /// The page size: 1 to ``maxLimit``.
  func limit() throws(APIError) -> Int {
    guard let text = value("limit") else { return Self.defaultLimit }
    guard let limit = Int(text), (1...Self.maxLimit).contains(limit) else {
      throw .badRequest("limit: expected a whole number from 1 to \(Self.maxLimit)")
    }
    return limit
  }

  /// A test identifier.
  func test() throws(APIError) -> DriftTest? {
    guard let text = value("test") else { return nil }
    guard let test = DriftTest(rawValue: text) else {
      let names = DriftTest.allCases.map(\.rawValue)
      throw .badRequest(
        "test: unknown test '\(text)'\(Suggestion.didYouMean(text, among: names))")
    }
    return test
  }
}
