import DriftData
import DriftStats
import Foundation
import Logging

/// The daemon's swift-log backend: one line per message on standard error, in a ``LogFormat``.
///
/// Metadata whose key names a secret (`password`, `token`, `secret`, `authorization`, `api_key`,
/// `cookie`) is written as `<redacted>`, so a notifier that logs its request never leaks a
/// credential.
public struct DaemonLogHandler: LogHandler {
  /// The format of every line.
  public let format: LogFormat
  /// The logger's label (the program name in `json` lines).
  public let label: String
  /// The least severe level written.
  public var logLevel: Logger.Level
  /// Metadata added to every line of this logger.
  public var metadata: Logger.Metadata = [:]
  /// Metadata computed for every line (task-local context).
  public var metadataProvider: Logger.MetadataProvider?

  /// Creates a handler.
  public init(label: String, format: LogFormat, level: Logger.Level) {
    self.label = label
    self.format = format
    self.logLevel = level
  }

  /// Installs the handler as the process's logging backend; call once, at start-up.
  public static func bootstrap(format: LogFormat, level: Logger.Level) {
    LoggingSystem.bootstrap { label in
      DaemonLogHandler(label: label, format: format, level: level)
    }
  }

  /// One metadata entry of this logger.
  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Writes one message (swift-log calls this only for levels at or above ``logLevel``).
  public func log(event: LogEvent) {
    var merged = metadata
    if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
    if let extra = event.metadata { merged.merge(extra) { _, new in new } }
    let line = render(
      level: event.level, message: "\(event.message)", metadata: merged, date: Date())
    StandardErrorWriter.write(line + "\n")
  }

  /// The line for one message, without the newline.
  func render(level: Logger.Level, message: String, metadata: Logger.Metadata, date: Date)
    -> String
  {
    let entries = metadata.sorted { $0.key < $1.key }.map { key, value in
      (key, Self.isSecret(key) ? "<redacted>" : "\(value)")
    }
    switch format {
    case .journal:
      // Each line is one journal entry, so a message spanning lines is kept on one.
      return "<\(Self.syslogPriority(level))>\(Self.oneLine(message))\(Self.pairs(entries))"
    case .text:
      return "\(Self.timestamp(date)) \(level) \(Self.oneLine(message))\(Self.pairs(entries))"
    case .json:
      var fields = [
        ("time", Self.timestamp(date)), ("level", "\(level)"), ("label", label),
        ("message", message),
      ]
      fields += entries
      return "{"
        + fields.map { "\(JSONText.quoted($0)):\(JSONText.quoted($1))" }
        .joined(separator: ",") + "}"
    }
  }

  /// The syslog priority journald reads from a `<N>` prefix (sd-daemon(3)).
  static func syslogPriority(_ level: Logger.Level) -> Int {
    switch level {
    case .trace, .debug: 7
    case .info: 6
    case .notice: 5
    case .warning: 4
    case .error: 3
    case .critical: 2
    }
  }

  static func isSecret(_ key: String) -> Bool {
    let lowered = key.lowercased()
    return ["password", "token", "secret", "authorization", "api_key", "apikey", "cookie"]
      .contains { lowered.contains($0) }
  }

  private static func pairs(_ entries: [(String, String)]) -> String {
    entries.map { " \($0)=\(oneLine($1))" }.joined()
  }

  /// The text on one line (line breaks become spaces), other control characters escaped
  /// (``TerminalText``): messages and metadata quote names and values from data.
  private static func oneLine(_ text: String) -> String {
    let joined =
      text.contains(where: \.isNewline) ? String(text.map { $0.isNewline ? " " : $0 }) : text
    return TerminalText.escaped(joined)
  }

  private static func timestamp(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }
}

/// Whole lines to standard error, one `write(2)` each, so lines of concurrent loggers never
/// interleave.
enum StandardErrorWriter {
  private static let lock = NSLock()

  static func write(_ line: String) {
    let bytes = Array(line.utf8)
    lock.withLock {
      var offset = 0
      while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { buffer in
          Foundation.write(2, buffer.baseAddress, buffer.count)
        }
        if written < 0 {
          if errno == EINTR { continue }
          return  // nowhere left to report a broken standard error
        }
        offset += written
      }
    }
  }
}
