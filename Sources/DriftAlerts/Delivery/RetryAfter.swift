import Foundation

/// Reads an HTTP `Retry-After` header: delay seconds or an HTTP date (RFC 9110, 10.2.3).
enum RetryAfter {
  /// Seconds to wait from `now`, or nil when the header is absent or unreadable.
  static func seconds(_ value: String?, now: Date) -> Int64? {
    guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
      return nil
    }
    if let seconds = Int64(value) { return max(0, seconds) }
    for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz"] {
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "GMT")
      formatter.dateFormat = format
      if let date = formatter.date(from: value) {
        return max(0, Int64(date.timeIntervalSince(now).rounded(.up)))
      }
    }
    return nil
  }
}
