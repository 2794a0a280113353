/// Links to fixed time ranges and a plain GET form for a custom one (works without script).
struct RangePicker {
  /// (label, URL) of each fixed range.
  var ranges: [(label: String, href: String)]
  /// Where the form sends `since` and `until`; `nil`: no form.
  var form: String?
  /// Extra hidden fields the form keeps (name, value), e.g. the chosen window.
  var hidden: [(name: String, value: String)] = []
  /// The range shown, for the form's initial values.
  var since: Int64
  /// The end of the range shown.
  var until: Int64

  /// The `<nav>` element, or nothing when there is neither a link nor a form.
  func render() -> String {
    guard !ranges.isEmpty || form != nil else { return "" }
    var html = "<nav class=\"ranges\">"
    for range in ranges {
      html += "<a href=\"\(HTMLText.escape(range.href))\">\(HTMLText.escape(range.label))</a> "
    }
    if let form {
      html += "<form method=\"get\" action=\"\(HTMLText.escape(form))\">"
      for field in hidden {
        html += "<input type=\"hidden\" name=\"\(HTMLText.escape(field.name))\" "
        html += "value=\"\(HTMLText.escape(field.value))\">"
      }
      html += "<label>from <input name=\"since\" size=\"20\" "
      html += "value=\"\(TimeText.iso(since))\"></label> "
      html += "<label>to <input name=\"until\" size=\"20\" "
      html += "value=\"\(TimeText.iso(until))\"></label> "
      html += "<button type=\"submit\">show</button></form>"
    }
    return html + "</nav>"
  }
}
