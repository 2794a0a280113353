import Foundation

/// Loads a configuration file and everything it includes into validated values.
public enum ConfigLoader {
  /// Reads, merges and validates the configuration at `path`.
  ///
  /// Every problem in every file is collected before throwing, each with its file, line, column
  /// and key path.
  ///
  /// - Parameters:
  ///   - path: The main configuration file; a relative path is relative to the current directory.
  ///   - environment: Variables for `${VAR}` interpolation and defaults (`$STATE_DIRECTORY`).
  ///   - checkFiles: Whether to check that baseline files and SQLite databases are readable and
  ///     that the directory of each target glob exists.
  /// - Returns: The configuration, with ``Configuration/warnings`` about secrets other users may
  ///   read, files they may change, and TLS opt-outs.
  /// - Throws: ``ConfigError`` with every problem found.
  public static func load(
    path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
    checkFiles: Bool = true
  ) throws(ConfigError) -> Configuration {
    try load(path: path, environment: environment, checkFiles: checkFiles, includeRoot: nil)
  }

  /// ``load(path:environment:checkFiles:)`` with every include confined to the directory
  /// `includeRoot` (absolute, when given): an include resolving outside it is reported, never
  /// read. The fuzz target uses it so fuzzed includes stay inside its scratch directory.
  static func load(
    path: String, environment: [String: String], checkFiles: Bool, includeRoot: String?
  ) throws(ConfigError) -> Configuration {
    let issues = IssueList()
    let mainFile = PathResolution.resolve(path, relativeTo: PathResolution.workingDirectory)
    let loader = DocumentLoader(
      interpolation: EnvironmentInterpolation(environment: environment), issues: issues,
      includeRoot: includeRoot)
    loader.load(mainFile: mainFile)
    let notes = SecurityNotes()
    var draft = ConfigurationDraft(
      context: LoadContext(
        environment: environment, checkFiles: checkFiles, issues: issues, notes: notes))
    draft.notifierNames = Set(
      loader.preorder.flatMap { $0.section("notifiers")?.entries?.map(\.key) ?? [] })
    for section in ConfigSection.all {
      let nodes = section.nodes(preorder: loader.preorder, postorder: loader.postorder)
      section.handler(nodes, &draft)
    }
    draft.expandNotifierLanes()
    let files = loader.preorder.map(\.file)
    guard issues.isEmpty else {
      throw ConfigError(issues: issues.sorted(fileOrder: files))
    }
    return Configuration(
      files: files, storage: draft.storage, daemon: draft.daemon, monitors: draft.monitors,
      notifiers: draft.notifiers,
      warnings: SecurityWarnings.warnings(notes: notes, files: files), http: draft.http)
  }
}
