import DriftData
import Foundation

/// Severity of a daemon log line.
public enum LogLevel: Int, Sendable, Comparable, CustomStringConvertible {
  case debug, info, warning, error

  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

  public var description: String {
    switch self {
    case .debug: "debug"
    case .info: "info"
    case .warning: "warning"
    case .error: "error"
    }
  }
}

/// Where the daemon's log lines go.
public typealias DaemonLog = @Sendable (LogLevel, String) -> Void

/// Log lines on standard error, with the time and level, from `minimum` up.
public func standardErrorLog(minimum: LogLevel = .info) -> DaemonLog {
  { level, message in
    guard level >= minimum else { return }
    let line = "\(Timestamp.now()) \(level) \(message)\n"
    FileHandle.standardError.write(Data(line.utf8))
  }
}

extension Timestamp {
  /// The current time, RFC 3339.
  static func now() -> String {
    format(Int64(Date().timeIntervalSince1970))
  }
}
