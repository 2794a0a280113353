import DriftConfig
import NIOCore
import NIOSSL
import PostgresNIO

/// Turns the client's errors into messages a person can act on. The client's own descriptions
/// are generic on purpose ("Database error"); the server's SQLSTATE and message say what
/// happened. No message includes the password: the client never echoes it, and neither do we.
enum PostgresErrorText {
  /// `error` as a ``PostgresSourceError`` naming `source`'s server.
  static func error(_ error: any Error, source: PostgresSource) -> PostgresSourceError {
    if let error = error as? PostgresSourceError { return error }
    return PostgresSourceError(source, cause(error, source: source))
  }

  /// The cause of `error`, without the server's name.
  static func cause(_ error: any Error, source: PostgresSource) -> String {
    if let error = error as? PSQLError {
      return cause(error, source: source)
    }
    if let problem = error as? WindowRows.Problem {
      return problem.cause
    }
    if let error = error as? ChannelError, case .connectTimeout = error {
      return "no connection within connect_timeout (\(source.connectTimeout)s); is the server up "
        + "and reachable?"
    }
    if error is NIOSSLError || error is BoringSSLError {
      return "TLS failed (\(error)); check sslrootcert: and that the certificate names "
        + "\(source.host)"
    }
    return "\(error)"
  }

  private static func cause(_ error: PSQLError, source: PostgresSource) -> String {
    switch error.code {
    case .server:
      return serverCause(error, source: source)
    case .connectionError:
      let detail = error.underlying.map { cause($0, source: source) } ?? "connection error"
      return "cannot connect: \(detail)"
    case .serverClosedConnection, .uncleanShutdown:
      return "the connection was closed before the query finished; the window is retried"
    case .sslUnsupported:
      return "the server does not offer TLS, which tls: verify-full requires"
    case .authMechanismRequiresPassword:
      return "the server asks for a password for user '\(source.user)'; give password_file: "
        + "or password_env:"
    case .unsupportedAuthMechanism, .saslError:
      return "authentication for user '\(source.user)' failed in the client (\(error.code)); "
        + "use scram-sha-256 or md5 in pg_hba.conf"
    case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
      return "TLS failed (\(error.code))"
    case .queryCancelled:
      return "the query was cancelled"
    default:
      let detail = error.underlying.map { ": \(cause($0, source: source))" } ?? ""
      return "client error \(error.code)\(detail)"
    }
  }

  private static func serverCause(_ error: PSQLError, source: PostgresSource) -> String {
    let state = error.serverInfo?[.sqlState] ?? "?????"
    let message = error.serverInfo?[.message] ?? "no message"
    switch state {
    case "28P01", "28000":
      return "authentication failed for user '\(source.user)' (\(message)); check the "
        + "password (password_file: / password_env:) and the server's pg_hba.conf"
    case "3D000":
      return "the database does not exist (\(message))"
    case "42P01":
      return "\(message); check table: or the query's FROM"
    case "42703":
      return "\(message); check the column names against the baseline's features"
    case "57014":
      return "the query ran longer than statement_timeout (\(source.statementTimeout)s) and was "
        + "cancelled; index or partition the table on the timestamp column, or raise "
        + "statement_timeout"
    case "25006":
      return "\(message): window queries run in a read-only transaction; give a SELECT"
    case "57P01", "57P02", "57P03":
      return "the server ended the connection (\(message)); the window is retried"
    case "42601":
      return "syntax error in the query: \(message)"
    default:
      return "server error \(state): \(message)"
    }
  }
}
