/// A target source could not deliver a window; the message says what and where.
public struct SourceError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, naming the file or query.
  public var message: String

  init(_ message: String) { self.message = message }

  public var description: String { message }
}
