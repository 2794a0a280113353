import DriftData
import Foundation
import Synchronization

/// A clock that reads the current time from a file on every call: for fault tests only (the
/// hidden `serve --clock-file`), so one running daemon can see its time jump back and forth the
/// way an NTP step moves the system clock, which a test cannot (and must not) do to the host.
///
/// The file holds one time, RFC 3339 (`2026-11-03T00:15:00Z`) or seconds since the epoch. The
/// clock stands still until the file changes. An unreadable or malformed file keeps the last
/// good time (a writer replacing the file is never seen half-written as another time).
public final class FileClock: WallClock {
  /// The file read on every call.
  public let path: String
  private let last: Mutex<Int64>

  /// Reads the file once.
  ///
  /// - Throws: ``SourceError`` naming the file when it cannot be read or holds no time.
  public init(path: String) throws(SourceError) {
    self.path = path
    guard let first = Self.read(path) else {
      throw SourceError(
        "\(path): no time in the clock file; write one line, RFC 3339 or seconds since the epoch")
    }
    last = Mutex(first)
  }

  /// The time in the file now, seconds since the epoch.
  public func now() -> Int64 {
    let current = Self.read(path)
    return last.withLock { value in
      if let current { value = current }
      return value
    }
  }

  /// The time in the file now (whole seconds).
  public func seconds() -> Double {
    Double(now())
  }

  /// Sleeps in real time: the file moves the time, not the pace.
  public func sleep(seconds: Double) async throws {
    try await SystemClock().sleep(seconds: seconds)
  }

  private static func read(_ path: String) -> Int64? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if let seconds = Int64(line) { return seconds }
    return Timestamp.parse(line, now: 0)
  }
}
