/// The listener could not start: the address is in use or not available, or the TLS files
/// cannot be loaded. `serve` exits with status 3 (a runtime failure: the configuration is
/// valid, the machine's state is not, and systemd's `Restart=on-failure` may retry).
public struct ListenerError: Error, CustomStringConvertible, Sendable {
  /// The configured address, `host:port`.
  public var address: String
  /// What went wrong.
  public var reason: String

  /// Creates an error.
  public init(address: String, reason: String) {
    self.address = address
    self.reason = reason
  }

  /// The message for the log.
  public var description: String {
    "http: cannot listen on \(address): \(reason)"
  }
}
