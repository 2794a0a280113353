/// The length of a monitor's windows: fixed (minutes, hours) or calendar-aligned (days, weeks,
/// months), always in UTC.
///
/// Windows are aligned: minute and hour windows to multiples of their length since the epoch,
/// day windows to midnight, week windows to Monday midnight (ISO 8601), month windows to the
/// first of the month. So the same timestamp always falls into the same window.
public enum WindowSize: Sendable, Hashable, CustomStringConvertible {
  case minutes(Int)
  case hours(Int)
  case days(Int)
  case weeks(Int)
  case months(Int)

  /// Parses `15m`, `1h`, `1d`, `1w`, `1mo` (a positive count and a unit), or nil.
  public init?(_ text: String) {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard let count = Int(digits), count > 0, count <= 10_000 else { return nil }
    switch text.dropFirst(digits.count) {
    case "m", "min": self = .minutes(count)
    case "h": self = .hours(count)
    case "d": self = .days(count)
    case "w": self = .weeks(count)
    case "mo": self = .months(count)
    default: return nil
    }
  }

  public var description: String {
    switch self {
    case .minutes(let n): "\(n)m"
    case .hours(let n): "\(n)h"
    case .days(let n): "\(n)d"
    case .weeks(let n): "\(n)w"
    case .months(let n): "\(n)mo"
    }
  }

  /// The fixed length in seconds, or nil for months (whose length varies).
  public var fixedSeconds: Int64? {
    switch self {
    case .minutes(let n): Int64(n) * 60
    case .hours(let n): Int64(n) * 3600
    case .days(let n): Int64(n) * 86_400
    case .weeks(let n): Int64(n) * 604_800
    case .months: nil
    }
  }

  /// The start of the window that contains `time` (seconds since the epoch).
  public func start(containing time: Int64) -> Int64 {
    switch self {
    case .minutes, .hours, .days:
      // Fixed lengths: multiples since the epoch (which began at midnight UTC).
      let length = fixedSeconds ?? 1
      return Self.floorDiv(time, length) * length
    case .weeks(let n):
      // 1970-01-01 was a Thursday; Monday 1969-12-29 is the origin of week windows.
      let origin: Int64 = -3 * 86_400
      let length = Int64(n) * 604_800
      return origin + Self.floorDiv(time - origin, length) * length
    case .months(let n):
      let date = CivilDate(daysSinceEpoch: Int(Self.floorDiv(time, 86_400)))
      let monthIndex = date.year * 12 + (date.month - 1)
      let aligned = Int(Self.floorDiv(Int64(monthIndex), Int64(n))) * n
      return Self.monthStart(aligned)
    }
  }

  /// The end of the window that starts at `start` (exclusive), which is the next window's start.
  public func end(ofWindowStartingAt start: Int64) -> Int64 {
    switch self {
    case .months(let n):
      let date = CivilDate(daysSinceEpoch: Int(Self.floorDiv(start, 86_400)))
      return Self.monthStart(date.year * 12 + (date.month - 1) + n)
    default:
      return start + (fixedSeconds ?? 1)
    }
  }

  /// Seconds since the epoch of midnight on the first day of month `index` (year * 12 + month - 1).
  private static func monthStart(_ index: Int) -> Int64 {
    let year = Int(floorDiv(Int64(index), 12))
    let month = index - year * 12 + 1
    return Int64(CivilDate(year: year, month: month, day: 1).daysSinceEpoch) * 86_400
  }

  private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }
}
