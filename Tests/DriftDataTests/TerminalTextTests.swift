import DriftData
import Testing

/// ``TerminalText/escaped(_:keepingNewlines:)``: the one escaping function for text from data.
@Suite struct TerminalTextTests {
  @Test(arguments: [
    ("plain name", "plain name"),
    ("évolution ▁▂▃ 数据", "évolution ▁▂▃ 数据"),
    ("back\\slash", "back\\slash"),
    ("\u{1B}[31mred\u{1B}[0m", "\\x1b[31mred\\x1b[0m"),
    ("a\tb\nc\rd\u{0}e\u{7F}", "a\\x09b\\x0ac\\x0dd\\x00e\\x7f"),
    ("\u{9B}31m", "\\u{9b}31m"),
    ("abc\u{202E}fed", "abc\\u{202e}fed"),
    ("\u{2066}x\u{2069}\u{200F}", "\\u{2066}x\\u{2069}\\u{200f}"),
  ])
  func escapesControlCharacters(text: String, shown: String) {
    #expect(TerminalText.escaped(text) == shown)
    #expect(TerminalText.needsEscaping(text) == (text != shown))
    // Escaping twice changes nothing more: what it writes holds no control character.
    #expect(TerminalText.escaped(shown) == shown)
  }

  @Test func keepsLineBreaksOnlyWhenAsked() {
    #expect(TerminalText.escaped("one\ntwo\u{1B}", keepingNewlines: true) == "one\ntwo\\x1b")
    #expect(TerminalText.escaped("one\ntwo") == "one\\x0atwo")
  }
}
