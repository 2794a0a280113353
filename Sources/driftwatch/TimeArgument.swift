import ArgumentParser
import DriftData
import Foundation

/// Times given on the command line: RFC 3339, `now`, or relative like `-7d`.
enum TimeArgument {
  static func parse(
    _ text: String?, option: String, now: Int64 = Int64(Date().timeIntervalSince1970)
  )
    throws -> Int64?
  {
    guard let text else { return nil }
    guard let value = Timestamp.parse(text, now: now) else {
      throw ValidationError(
        "\(option): '\(text)' is not a time; use RFC 3339 (2026-11-25T13:00:00Z), a date, 'now' or -7d/-12h"
      )
    }
    return value
  }
}
