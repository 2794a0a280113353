/// A secret from the configuration (a webhook signing secret): its value is never printed.
public struct NotifierSecret: Sendable, Equatable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  /// The secret itself; pass it to the code that needs it, never to a log or a message.
  public var value: String

  /// Wraps a secret.
  public init(_ value: String) {
    self.value = value
  }

  public var description: String { "<redacted>" }
  public var debugDescription: String { "<redacted>" }
}
