/// A notifier that cannot be built from its configuration (an unreadable password file, a
/// missing variable); the message names the notifier and the file or variable, never a secret.
public struct NotifierSetupError: Error, CustomStringConvertible, Sendable {
  /// The notifier's name.
  public var notifier: String
  /// What is wrong and what to do.
  public var message: String

  /// Creates an error.
  public init(notifier: String, message: String) {
    self.notifier = notifier
    self.message = message
  }

  public var description: String { "notifier '\(notifier)': \(message)" }
}
