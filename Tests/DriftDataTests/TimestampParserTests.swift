import Testing

@testable import DriftData

@Suite struct TimestampParserTests {
  private func parse(_ text: String) -> Double? {
    var bytes = Array(text.utf8)
    bytes.append(0)
    return bytes.withUnsafeBufferPointer { TimestampParser.parse($0.baseAddress!, $0.count - 1) }
  }

  @Test(
    arguments: [
      ("1970-01-01", 0.0),
      ("1970-01-02T00:00:00Z", 86_400),
      ("2024-05-01T12:00:00Z", 1_714_564_800),
      ("2024-05-01T12:00:00+02:00", 1_714_557_600),
      ("2024-05-01T12:00:00-0130", 1_714_570_200),
      ("2024-05-01T12:00:00+02", 1_714_557_600),
      ("2024-05-01T12:00:00.125Z", 1_714_564_800.125),
      ("2024-05-01 12:00", 1_714_564_800),
      ("1900-03-01", -2_203_891_200),
      ("2400-02-29", 13_574_563_200),
    ] as [(String, Double)])
  func valid(text: String, seconds: Double) {
    #expect(parse(text) == seconds)
  }

  @Test(arguments: [
    "2024-13-01", "2024-00-10", "2023-02-29", "1900-02-29", "2024-05-01T24:00:00Z",
    "2024-05-01T12:60", "2024-05-01T12", "2024-05-01X12:00:00", "2024-05-01T12:00:00+2",
    "2024-5-01", "20240501", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00Zjunk",
  ])
  func invalid(text: String) {
    #expect(parse(text) == nil, "\(text)")
  }
}
