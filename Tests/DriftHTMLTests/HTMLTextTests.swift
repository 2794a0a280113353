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
