/// Times on pages: UTC, the same text on every machine, computed by arithmetic (a page of a
/// year of windows formats thousands of times; a date formatter per call would dominate).
enum TimeText {
  /// `2026-11-02 13:00` for seconds since 1970.
  static func minute(_ seconds: Int64) -> String {
    let (date, hour, minute, _) = parts(seconds)
    return date + " " + pad(hour) + ":" + pad(minute)
  }

  /// `2026-11-02T13:00:00Z`, as the time options and query parameters accept it.
  static func iso(_ seconds: Int64) -> String {
    let (date, hour, minute, second) = parts(seconds)
    return date + "T" + pad(hour) + ":" + pad(minute) + ":" + pad(second) + "Z"
  }

  private static func parts(_ seconds: Int64) -> (String, Int64, Int64, Int64) {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rest = seconds - days * 86_400
    // Civil date from days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    let yearText = String(year)
    let date =
      String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + pad(month)
      + "-" + pad(day)
    return (date, rest / 3600, rest / 60 % 60, rest % 60)
  }

  private static func pad(_ value: Int64) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}
