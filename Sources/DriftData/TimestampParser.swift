/// Parses RFC 3339 / ISO 8601 date-times and plain dates into seconds since the Unix epoch.
///
/// Accepted: `YYYY-MM-DD`, optionally followed by `T`, `t` or a space and `HH:MM`, `HH:MM:SS`
/// or `HH:MM:SS.fraction` (up to 9 fraction digits are used), optionally followed by `Z`, `z`,
/// `+HH:MM`, `-HH:MM`, `+HHMM` or `+HH`. A time without an offset and a plain date are read as UTC.
enum TimestampParser {
  /// Seconds since 1970-01-01T00:00:00Z, or nil when the bytes are not a date-time.
  static func parse(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    guard count >= 10, start[4] == UInt8(ascii: "-"), start[7] == UInt8(ascii: "-"),
      let year = digits(start, 0, 4), let month = digits(start, 5, 2),
      let day = digits(start, 8, 2),
      month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year)
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    if count == 10 { return Double(days * 86_400) }
    let separator = start[10]
    guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20,
      count >= 16, start[13] == UInt8(ascii: ":"),
      let hour = digits(start, 11, 2), let minute = digits(start, 14, 2), hour <= 23, minute <= 59
    else { return nil }
    var index = 16
    var second = 0
    var nanos = 0
    if index < count && start[index] == UInt8(ascii: ":") {
      guard index + 3 <= count, let value = digits(start, index + 1, 2), value <= 60 else {
        return nil
      }
      second = value
      index += 3
      if index < count && (start[index] == UInt8(ascii: ".") || start[index] == UInt8(ascii: ",")) {
        index += 1
        var used = 0
        let fractionStart = index
        while index < count, start[index] &- UInt8(ascii: "0") <= 9 {
          if used < 9 {
            nanos = nanos * 10 + Int(start[index] &- UInt8(ascii: "0"))
            used += 1
          }
          index += 1
        }
        guard index > fractionStart else { return nil }
        while used < 9 {
          nanos *= 10
          used += 1
        }
      }
    }
    var offsetSeconds = 0
    if index < count {
      let sign = start[index]
      if (sign | 0x20) == UInt8(ascii: "z") {
        index += 1
      } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        guard index + 3 <= count, let offsetHours = digits(start, index + 1, 2), offsetHours <= 23
        else { return nil }
        index += 3
        var offsetMinutes = 0
        if index < count {
          if start[index] == UInt8(ascii: ":") { index += 1 }
          guard index + 2 <= count, let value = digits(start, index, 2), value <= 59 else {
            return nil
          }
          offsetMinutes = value
          index += 2
        }
        offsetSeconds = (offsetHours * 60 + offsetMinutes) * 60
        if sign == UInt8(ascii: "-") { offsetSeconds = -offsetSeconds }
      } else {
        return nil
      }
    }
    guard index == count else { return nil }
    let whole = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
    return Double(whole) + Double(nanos) / 1e9
  }

  /// The decimal value of `width` ASCII digits at `offset`, or nil if any is not a digit.
  @inline(__always)
  private static func digits(_ start: UnsafePointer<UInt8>, _ offset: Int, _ width: Int) -> Int? {
    var value = 0
    for index in offset..<(offset + width) {
      let digit = start[index] &- UInt8(ascii: "0")
      guard digit <= 9 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (era-based civil calendar arithmetic).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let monthIndex = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
