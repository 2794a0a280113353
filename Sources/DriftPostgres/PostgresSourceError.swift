import DriftConfig

/// A PostgreSQL source could not deliver: what went wrong and on which server, never with the
/// password (it is only ever handed to the client library).
public struct PostgresSourceError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, starting with the server (`postgres user@host:port/db: ...`).
  public var message: String

  /// An error about `source`'s server.
  init(_ source: PostgresSource, _ cause: String) {
    message = "\(source.serverName): \(cause)"
  }

  public var description: String { message }
}
