import ArgumentParser
import DriftAlerts
import DriftConfig
import Foundation

/// `--config FILE`: which configuration file a command reads.
struct ConfigOption: ParsableArguments {
  /// The file used when neither --config nor `$DRIFTWATCH_CONFIG` names one.
  static let defaultPath = "/etc/driftwatch/driftwatch.yaml"

  @Option(
    name: .customLong("config"),
    help: ArgumentHelp(
      "The configuration file.",
      discussion: "Default: $DRIFTWATCH_CONFIG, else \(ConfigOption.defaultPath).",
      valueName: "file"),
    completion: .file(extensions: ["yaml", "yml"]))
  var config: String?

  /// The file to read: --config, else `$DRIFTWATCH_CONFIG`, else the default.
  var path: String {
    if let config { return config }
    if let fromEnvironment = ProcessInfo.processInfo.environment["DRIFTWATCH_CONFIG"],
      !fromEnvironment.isEmpty
    {
      return fromEnvironment
    }
    return Self.defaultPath
  }

  /// Loads the configuration, printing every issue to standard error and exiting with status 2
  /// when there is any.
  func load() throws -> Configuration {
    try Self.load(path: path)
  }

  /// Prints each of the configuration's warnings to standard error (commands without a log).
  /// - Returns: How many warnings were printed.
  @discardableResult
  static func printWarnings(of configuration: Configuration) -> Int {
    let warnings = configuration.warningsOnThisHost()
    for warning in warnings {
      StandardError.line("driftwatch: warning: \(warning)")
    }
    return warnings.count
  }

  /// Loads the configuration at `path`; see ``load()``.
  static func load(path: String) throws -> Configuration {
    do {
      return try ConfigLoader.load(path: path)
    } catch {
      for issue in error.issues {
        StandardError.line(issue.description)
      }
      let count = error.issues.count
      StandardError.line(
        "driftwatch: \(count) problem\(count == 1 ? "" : "s") in the configuration")
      throw Exit.input
    }
  }
}
