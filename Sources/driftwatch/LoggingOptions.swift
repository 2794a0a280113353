import ArgumentParser
import DriftDaemon
import Foundation
import Logging

/// `--log-level` and `--log-format`: how the commands that run monitors log.
struct LoggingOptions: ParsableArguments {
  @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
  var logLevel: String = "info"

  @Option(
    help: ArgumentHelp(
      "Log format: auto, text, journal or json.",
      discussion: """
        auto is journal (a <N> syslog priority prefix, no time) when standard error is the \
        systemd journal ($JOURNAL_STREAM), else text (time and level).
        """))
  var logFormat: String = "auto"

  func validate() throws {
    _ = try level()
    _ = try format(environment: [:])
  }

  /// Installs the log handler for this process and returns the daemon's logger.
  func makeLogger() throws -> Logger {
    let level = try level()
    DaemonLogHandler.bootstrap(
      format: try format(environment: ProcessInfo.processInfo.environment), level: level)
    var logger = Logger(label: "driftwatch")
    logger.logLevel = level
    return logger
  }

  private func level() throws -> Logger.Level {
    guard let level = Logger.Level(rawValue: logLevel) else {
      throw ValidationError(
        "--log-level must be trace, debug, info, notice, warning, error or critical")
    }
    return level
  }

  private func format(environment: [String: String]) throws -> LogFormat {
    if logFormat == "auto" { return LogFormat.detect(environment: environment) }
    guard let format = LogFormat(rawValue: logFormat) else {
      throw ValidationError("--log-format must be auto, text, journal or json")
    }
    return format
  }
}
