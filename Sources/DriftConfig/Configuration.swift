/// A loaded and validated driftwatch configuration: the main file merged with its includes.
public struct Configuration: Sendable, Equatable {
  /// Absolute paths of every file read, in load order: the main file first, then each include
  /// depth-first in the order listed (globs expanded in sorted order).
  public var files: [String]
  /// Where the history database lives.
  public var storage: StorageSettings
  /// How the daemon runs.
  public var daemon: DaemonSettings
  /// The monitors, in the order they appear: the main file's first, then each include's.
  public var monitors: [MonitorConfiguration]
  /// The names defined under the top-level `notifiers:` section (empty when it is absent);
  /// every alert rule's `notify:` names one of these.
  public var notifierNames: Set<String>

  /// Creates a configuration.
  public init(
    files: [String], storage: StorageSettings, daemon: DaemonSettings,
    monitors: [MonitorConfiguration], notifierNames: Set<String> = []
  ) {
    self.notifierNames = notifierNames
    self.files = files
    self.storage = storage
    self.daemon = daemon
    self.monitors = monitors
  }

  /// The monitor with the given name, if any.
  public func monitor(named name: String) -> MonitorConfiguration? {
    monitors.first { $0.name == name }
  }
}
