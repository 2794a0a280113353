#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How log lines are written to standard error.
public enum LogFormat: String, Sendable, CaseIterable {
  /// Human-readable: `2026-11-25T13:00:00.123Z warning message key=value`.
  case text
  /// For journald: `<4>message key=value`, a syslog priority prefix and no time (the journal
  /// stamps every line itself).
  case journal
  /// One JSON object per line, for log shippers.
  case json

  /// `journal` when standard error is connected to the journal, else `text`.
  ///
  /// systemd sets `$JOURNAL_STREAM` to `device:inode` of the stream it connected; checking it
  /// against standard error (as `sd_journal_stream_fd(3)` advises) keeps a child process whose
  /// output was redirected elsewhere from writing priority prefixes into a file.
  public static func detect(environment: [String: String]) -> LogFormat {
    guard let stream = environment["JOURNAL_STREAM"] else { return .text }
    let parts = stream.split(separator: ":")
    guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
      return .text
    }
    var status = stat()
    guard fstat(STDERR_FILENO, &status) == 0 else { return .text }
    return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode ? .journal : .text
  }
}
