/// Where driftwatch keeps its history (the `storage:` section).
public struct StorageSettings: Sendable, Equatable {
  /// Absolute path of the SQLite database file.
  public var path: String

  /// Creates storage settings.
  public init(path: String) {
    self.path = path
  }

  /// The database used when `storage.path` is not set: `$STATE_DIRECTORY/driftwatch.db` (the
  /// first directory, as systemd's `StateDirectory=` sets it), else `driftwatch.db` in
  /// `workingDirectory`.
  ///
  /// - Parameters:
  ///   - environment: The process environment.
  ///   - workingDirectory: The absolute current directory.
  public static func defaultPath(environment: [String: String], workingDirectory: String)
    -> String
  {
    let stateDirectory = environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(
      String.init)
    if let stateDirectory, stateDirectory.hasPrefix("/") {
      return PathResolution.join(stateDirectory, "driftwatch.db")
    }
    return PathResolution.join(workingDirectory, "driftwatch.db")
  }
}
