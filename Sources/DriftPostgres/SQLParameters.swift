/// Turns a query's named parameters (`:start`, `:end`) into PostgreSQL's positional ones (`$1`,
/// `$2`), so the window's bounds are bound as values and never spliced into the SQL text.
///
/// The scan skips what is not SQL code: string literals (`'...'`, `E'...'`), quoted identifiers
/// (`"..."`), dollar-quoted strings (`$tag$...$tag$`), comments (`-- ...`, `/* ... */`) and the
/// `::` cast operator, so `'10:start'` or `x::end_type` are left as they are.
enum SQLParameters {
  /// `sql` with each `:name` of `names` replaced by `$n` (n: 1-based position in `names`).
  static func positional(_ sql: String, names: [String]) -> String {
    let text = Array(sql.unicodeScalars)
    var output = String.UnicodeScalarView()
    var index = 0
    func isIdentifier(_ c: Unicode.Scalar) -> Bool {
      c == "_" || c == "$" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }
    func copy(until end: Int) {
      let stop = min(end, text.count)
      output.append(contentsOf: text[index..<stop])
      index = stop
    }
    while index < text.count {
      let c = text[index]
      let next = index + 1 < text.count ? text[index + 1] : nil
      switch c {
      case "'", "\"":
        // Up to the closing quote; a doubled quote is an escaped one and is skipped over by
        // the next round. A backslash escape in E'' strings is skipped too.
        var end = index + 1
        while end < text.count, text[end] != c {
          if c == "'", text[end] == "\\", end + 1 < text.count { end += 1 }
          end += 1
        }
        copy(until: end + 1)
      case "-" where next == "-":
        var end = index
        while end < text.count, text[end] != "\n" { end += 1 }
        copy(until: end)
      case "/" where next == "*":
        var end = index + 2
        var depth = 1
        while end < text.count, depth > 0 {
          if text[end] == "/", end + 1 < text.count, text[end + 1] == "*" {
            depth += 1
            end += 1
          } else if text[end] == "*", end + 1 < text.count, text[end + 1] == "/" {
            depth -= 1
            end += 1
          }
          end += 1
        }
        copy(until: end)
      case "$" where index == 0 || !isIdentifier(text[index - 1]):
        // $tag$ ... $tag$ (or $$ ... $$); a `$1` is a positional parameter, copied as is.
        var tagEnd = index + 1
        if let next, !("0"..."9").contains(next) {
          while tagEnd < text.count, text[tagEnd] != "$", isIdentifier(text[tagEnd]) {
            tagEnd += 1
          }
        }
        guard tagEnd < text.count, text[tagEnd] == "$" else {
          copy(until: index + 1)
          continue
        }
        let tag = Array(text[index...tagEnd])
        var end = tagEnd + 1
        while end + tag.count <= text.count, Array(text[end..<end + tag.count]) != tag {
          end += 1
        }
        copy(until: end + tag.count)
      case ":" where next == ":":
        copy(until: index + 2)
      case ":" where index == 0 || !isIdentifier(text[index - 1]):
        var end = index + 1
        while end < text.count, isIdentifier(text[end]), text[end] != "$" { end += 1 }
        let name = String(String.UnicodeScalarView(text[index + 1..<end]))
        if let position = names.firstIndex(of: name) {
          output.append(contentsOf: "$\(position + 1)".unicodeScalars)
          index = end
        } else {
          copy(until: end)
        }
      default:
        copy(until: index + 1)
      }
    }
    return String(output)
  }
}
