/// A problem reading a data file, located by file, line and column.
///
/// `line` is the 1-based physical line of the file (a quoted CSV field spanning lines counts
/// each line). `column` is the 1-based character position within that line where the offending
/// field, key or byte starts (characters are Unicode scalars, so editors jump to the right place).
/// Both are 0 when the problem concerns the whole file (not found, unreadable, empty).
public struct DataError: Error, Sendable, CustomStringConvertible, Equatable {
  /// The path as given to the reader.
  public var file: String
  /// 1-based line, or 0 when the error is about the whole file.
  public var line: Int
  /// 1-based character position in the line, or 0 when the error is about the whole file.
  public var column: Int
  /// What is wrong, naming the column and value where there is one.
  public var message: String
  /// What to do about it, if there is something better to say than the message.
  public var hint: String?

  /// Creates an error.
  public init(file: String, line: Int, column: Int, message: String, hint: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// `file:line:column: message`, then the hint on its own indented line.
  ///
  /// Errors about the whole file read `file: message`.
  public var description: String {
    var text =
      line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    if let hint { text += "\n  hint: \(hint)" }
    return text
  }
}
