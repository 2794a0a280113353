import Testing

@testable import DriftHTML

@Suite struct HTMLTextTests {
  @Test func escapesEveryCharacterThatEndsTextOrAttributes() {
    #expect(
      HTMLText.escape("a<b>&\"c'd") == "a&lt;b&gt;&amp;&quot;c&#39;d")
    #expect(HTMLText.escape("plain text: é ✓") == "plain text: é ✓")
  }

  @Test(arguments: HostileTable.payloads)
  func escapedPayloadHasNoMarkupLeft(payload: String) {
    let escaped = HTMLText.escape(payload)
    #expect(!escaped.contains("<"))
    #expect(!escaped.contains(">"))
    #expect(!escaped.contains("\""))
    #expect(!escaped.contains("'"))
  }

  @Test func controlCharactersBecomeReplacementCharacters() {
    #expect(
      HTMLText.escape("a\u{0}b\u{1B}[31mc\u{85}d\te\n") == "a\u{FFFD}b\u{FFFD}[31mc\u{FFFD}d\te\n")
  }

  @Test func truncationKeepsShortTextAndMarksCutText() {
    #expect(HTMLText.truncated("short", limit: 16) == "short")
    #expect(HTMLText.truncated("abcdefghij", limit: 5) == "abcd\u{2026}")
  }
}

@Suite struct TimeTextTests {
  @Test(arguments: [
    (Int64(0), "1970-01-01T00:00:00Z"), (1_793_491_200, "2026-11-01T00:00:00Z"),
    (951_782_400, "2000-02-29T00:00:00Z"), (1_709_251_199, "2024-02-29T23:59:59Z"),
    (-1, "1969-12-31T23:59:59Z"), (4_102_444_800, "2100-01-01T00:00:00Z"),
  ])
  func formatsUTCTimes(seconds: Int64, expected: String) {
    #expect(TimeText.iso(seconds) == expected)
    #expect(
      TimeText.minute(seconds)
        == String(expected.prefix(16)).replacingOccurrences(of: "T", with: " "))
  }
}
