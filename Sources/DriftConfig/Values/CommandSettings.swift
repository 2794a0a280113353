/// A `type: command` notifier: a program run without a shell, the JSON payload on its stdin.
public struct CommandSettings: Sendable, Equatable {
  /// The program (an absolute path) and its arguments.
  public var arguments: [String]
  /// Seconds the program may run before it is killed and the delivery retried.
  public var timeout: Int64

  /// Creates command settings.
  public init(arguments: [String], timeout: Int64 = 30) {
    self.arguments = arguments
    self.timeout = timeout
  }
}
