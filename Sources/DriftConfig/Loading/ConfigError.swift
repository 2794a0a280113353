/// Every problem found while loading a configuration; thrown only when there is at least one.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The problems, ordered by file (in load order), line and column.
  public var issues: [ConfigIssue]

  /// Creates an error from its issues.
  public init(issues: [ConfigIssue]) {
    self.issues = issues
  }

  /// One issue per line.
  public var description: String {
    issues.map(\.description).joined(separator: "\n")
  }
}
