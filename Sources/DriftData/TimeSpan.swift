/// Durations written as a count and a unit: `30s`, `10m`, `2h`, `1d`, `1w`.
public enum TimeSpan {
  /// The duration in seconds, or nil when the text is not a count followed by s, m, h, d or w.
  public static func seconds(_ text: String) -> Int64? {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let count = Int64(digits), count <= 1_000_000_000 else { return nil }
    switch text.dropFirst(digits.count) {
    case "s": return count
    case "m", "min": return count * 60
    case "h": return count * 3600
    case "d": return count * 86_400
    case "w": return count * 604_800
    default: return nil
    }
  }
}
