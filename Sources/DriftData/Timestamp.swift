/// Parsing and printing of the times users type: RFC 3339 / ISO 8601, or relative to now.
public enum Timestamp {
  /// Seconds since the epoch of an RFC 3339 date-time or plain date (UTC), or nil.
  public static func parse(_ text: String) -> Double? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return nil }
      return TimestampParser.parse(UnsafePointer(base), buffer.count)
    }
  }

  /// Parses an absolute time, `now`, or a time relative to `now` such as `-7d`, `-12h`, `-30m`,
  /// `-90s` or `-2w`; returns whole seconds since the epoch, or nil.
  public static func parse(_ text: String, now: Int64) -> Int64? {
    if text == "now" { return now }
    if text.hasPrefix("-"), let seconds = TimeSpan.seconds(String(text.dropFirst())) {
      return now - seconds
    }
    return parse(text).map { Int64($0.rounded(.down)) }
  }

  /// `2026-11-25T13:00:00Z` for a time in seconds since the epoch.
  public static func format(_ seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let date = CivilDate(daysSinceEpoch: Int(days))
    let rest = Int(seconds - days * 86_400)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    let year = String(date.year)
    return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(date.month))-"
      + "\(two(date.day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
  }
}
