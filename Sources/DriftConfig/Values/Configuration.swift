/// A loaded and validated driftwatch configuration: the main file merged with its includes.
public struct Configuration: Sendable, Equatable {
  /// Absolute paths of every file read, in load order: the main file first, then each include
  /// depth-first in the order listed (globs expanded in sorted order).
  public var files: [String]
  /// Where the history database lives.
  public var storage: StorageSettings
  /// How the daemon runs.
  public var daemon: DaemonSettings
  /// The HTTP listener (`http:`); nil when it is off.
  public var http: HTTPSettings?
  /// The monitors, in the order they appear: the main file's first, then each include's.
  public var monitors: [MonitorConfiguration]
  /// The alert notifiers (`notifiers:`), by name.
  public var notifiers: [String: NotifierConfiguration]
  /// Things that work but weaken security, each located like an issue: a secret in a file other
  /// users may read, a configuration file they may change, a TLS opt-out. The daemon logs them
  /// each time it loads the configuration; `config check` prints them.
  public var warnings: [ConfigIssue]

  /// Creates a configuration.
  public init(
    files: [String], storage: StorageSettings, daemon: DaemonSettings,
    monitors: [MonitorConfiguration], notifiers: [String: NotifierConfiguration] = [:],
    warnings: [ConfigIssue] = [], http: HTTPSettings? = nil
  ) {
    self.http = http
    self.files = files
    self.storage = storage
    self.daemon = daemon
    self.monitors = monitors
    self.notifiers = notifiers
    self.warnings = warnings
  }

  /// The names under `notifiers:`, which alert rules may list in `notify:`.
  public var notifierNames: Set<String> { Set(notifiers.keys) }

  /// The monitor with the given name, if any.
  public func monitor(named name: String) -> MonitorConfiguration? {
    monitors.first { $0.name == name }
  }
}
