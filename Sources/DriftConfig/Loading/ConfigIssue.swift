/// One problem found in a configuration file, located to the line and column.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
  /// Absolute path of the file that holds the problem.
  public var file: String
  /// Line number, starting from 1.
  public var line: Int
  /// Column number, starting from 1 (counted in Unicode scalars).
  public var column: Int
  /// Where in the configuration the problem is, e.g. `monitors[0].schedule.window`; empty for
  /// problems with the file as a whole (syntax errors, unreadable files).
  public var keyPath: String
  /// What is wrong.
  public var message: String
  /// What to do about it, when there is something specific to say.
  public var hint: String?

  /// Creates an issue.
  public init(
    file: String, line: Int, column: Int, keyPath: String, message: String, hint: String? = nil
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.keyPath = keyPath
    self.message = message
    self.hint = hint
  }

  /// `file:line:column: keyPath: message (hint)`, the form compilers use, so editors can jump
  /// to the spot.
  public var description: String {
    var text = "\(file):\(line):\(column): "
    if !keyPath.isEmpty { text += "\(keyPath): " }
    text += message
    if let hint { text += " (\(hint))" }
    return text
  }
}
