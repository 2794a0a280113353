import DriftStats

/// A JSON document built in code and written with a fixed key order, so output is reproducible.
public indirect enum JSONValue: Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// An integer.
  case int(Int)
  /// A finite number (write missing or non-finite ones with ``number(_:)``).
  case number(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object whose members keep their order.
  case object([(String, JSONValue)])

  /// A number, or `null` when it is missing or not finite (JSON has no NaN or infinity).
  public static func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// A string, or `null` when missing.
  public static func string(_ value: String?) -> JSONValue {
    value.map { .string($0) } ?? .null
  }

  /// The document as text; `indent` spaces per level, or one line when `indent` is 0.
  public func rendered(indent: Int = 2) -> String {
    var out = ""
    write(to: &out, indent: indent, level: 0)
    return out
  }

  private func write(to out: inout String, indent: Int, level: Int) {
    let newline = indent > 0 ? "\n" : ""
    let pad = String(repeating: " ", count: indent * (level + 1))
    let closePad = String(repeating: " ", count: indent * level)
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .number(let value): out += Self.format(value)
    case .string(let value): Self.quote(value, into: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "[" + newline
      for (index, item) in items.enumerated() {
        out += pad
        item.write(to: &out, indent: indent, level: level + 1)
        out += (index + 1 < items.count ? "," : "") + newline
      }
      out += closePad + "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{" + newline
      for (index, (key, value)) in members.enumerated() {
        out += pad
        Self.quote(key, into: &out)
        out += indent > 0 ? ": " : ":"
        value.write(to: &out, indent: indent, level: level + 1)
        out += (index + 1 < members.count ? "," : "") + newline
      }
      out += closePad + "}"
    }
  }

  /// Shortest text that reads back as the same double; integral values without a fraction.
  public static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
  }

  private static func quote(_ text: String, into out: inout String) {
    out += JSONText.quoted(text)
  }
}
