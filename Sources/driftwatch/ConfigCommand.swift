import ArgumentParser
import DriftConfig
import DriftData

/// `driftwatch config`: work with the configuration file.
struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Work with the configuration file.",
    subcommands: [Check.self]
  )

  /// `driftwatch config check [FILE]`: validate a configuration and the files it names.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a configuration file and everything it includes.",
      discussion: """
        Prints every problem as FILE:LINE:COLUMN: KEY: MESSAGE on standard error and exits with
        status 2, or prints a short summary and exits with status 0. Baseline files and SQLite
        databases must be readable, and the directory of each target glob must exist. Warnings
        (a secret in a file other users may read, a TLS opt-out, an email notifier without
        libcurl installed) go to standard error and do not change the exit status.
        """
    )

    @Argument(
      help: "The configuration file (default: --config, $DRIFTWATCH_CONFIG, or the default path).",
      completion: .file(extensions: ["yaml", "yml"]))
    var file: String?

    @OptionGroup var options: ConfigOption

    func validate() throws {
      if file != nil && options.config != nil {
        throw ValidationError("Give the file as an argument or with --config, not both.")
      }
    }

    func run() throws {
      let path = file ?? options.path
      let configuration = try ConfigOption.load(path: path)
      let warnings = ConfigOption.printWarnings(of: configuration)
      print(Self.summary(of: configuration, path: path, warnings: warnings), terminator: "")
    }

    /// A few lines: files read, storage, daemon settings and one line per monitor.
    static func summary(of configuration: Configuration, path: String, warnings: Int) -> String {
      let files = configuration.files.count
      var text = "\(path): ok (\(files) file\(files == 1 ? "" : "s") read"
      if warnings > 0 { text += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
      text += ")\n"
      text += "storage: \(configuration.storage.path)\n"
      text +=
        "daemon: \(configuration.daemon.maxConcurrentMonitors) monitor(s) at a time, "
        + "tick \(duration(configuration.daemon.tick))\n"
      if configuration.monitors.isEmpty {
        text += "monitors: none (the daemon will start and do nothing)\n"
        return text
      }
      text += "monitors: \(configuration.monitors.count)\n"
      let width = configuration.monitors.map(\.name.count).max() ?? 0
      for monitor in configuration.monitors {
        let name = monitor.name.padding(toLength: width, withPad: " ", startingAt: 0)
        text +=
          "  \(name)  window \(monitor.schedule.window), delay \(duration(monitor.schedule.delay)), "
          + "\(source(monitor.target)), config \(monitor.configHash.prefix(12))\n"
      }
      return text
    }

    private static func source(_ target: TargetSource) -> String {
      switch target.kind {
      case .files(let pattern, _, _): "files \(pattern)"
      case .sqlite(let path, _): "sqlite \(path)"
      case .postgres(let source): "\(source.serverName) (\(source.mode.rawValue))"
      }
    }

    /// `90` -> `90s`, `600` -> `10m`: the largest unit that divides the seconds.
    private static func duration(_ seconds: Int64) -> String {
      for (unit, length) in [("d", Int64(86_400)), ("h", 3600), ("m", 60)]
      where seconds > 0 && seconds % length == 0 {
        return "\(seconds / length)\(unit)"
      }
      return "\(seconds)s"
    }
  }
}
