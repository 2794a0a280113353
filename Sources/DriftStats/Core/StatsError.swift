/// A statistic that cannot be computed for the given data, with a reason a person can act on.
public struct StatsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong and, where it helps, what to do about it.
  public var message: String

  /// Creates an error with the given message.
  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
