import DriftConfig
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a source's server, driven synchronously from the thread that evaluates a
/// window (the scheduler runs monitors off the cooperative pool; the client's I/O runs on the
/// shared NIO event loops, so waiting here blocks neither).
final class PostgresSession {
  let source: PostgresSource
  let connection: PostgresConnection

  /// The client's own log lines would carry SQL and server details at debug level; errors reach
  /// the user through ``PostgresSourceError`` instead, so the client logs nowhere.
  static let logger = Logger(
    label: "driftwatch.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

  private init(source: PostgresSource, connection: PostgresConnection) {
    self.source = source
    self.connection = connection
  }

  deinit {
    // Closing an already closed connection fails harmlessly; nothing to report at this point.
    connection.close().whenComplete { _ in }
  }

  /// Connects to `source`'s server (TLS as configured, password read now).
  static func open(_ source: PostgresSource) throws(PostgresSourceError) -> PostgresSession {
    let password = try Self.password(for: source)
    let tls: PostgresConnection.Configuration.TLS
    switch source.tls {
    case .disable:
      tls = .disable
    case .verifyFull:
      // makeClientConfiguration checks the chain and the host name (certificateVerification
      // .fullVerification); the host name is the one the connection was asked for.
      var configuration = TLSConfiguration.makeClientConfiguration()
      if let roots = source.rootCertificates { configuration.trustRoots = .file(roots) }
      do {
        tls = .require(try NIOSSLContext(configuration: configuration))
      } catch {
        throw PostgresSourceError(source, "TLS setup: \(error)")
      }
    }
    var configuration = PostgresConnection.Configuration(
      host: source.host, port: source.port, username: source.user, password: password,
      database: source.database, tls: tls)
    configuration.options.connectTimeout = .seconds(source.connectTimeout)
    configuration.options.additionalStartupParameters = [("application_name", "driftwatch")]
    let future = PostgresConnection.connect(
      on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1,
      logger: logger)
    do {
      return PostgresSession(source: source, connection: try future.wait())
    } catch {
      throw PostgresErrorText.error(error, source: source)
    }
  }

  /// Runs `body` in a read-only transaction whose statements stop after `statement_timeout`.
  func readOnly<T>(_ body: () throws(PostgresSourceError) -> T) throws(PostgresSourceError) -> T {
    try run("BEGIN TRANSACTION READ ONLY")
    try run(
      PostgresQuery(
        unsafeSQL: "SET LOCAL statement_timeout = \(source.statementTimeout * 1000)"))
    let result = try body()
    try run("COMMIT")
    return result
  }

  /// Runs a statement whose rows (if any) are not needed.
  func run(_ query: PostgresQuery) throws(PostgresSourceError) {
    _ = try rows(query)
  }

  /// Runs a query and returns all its rows (for small results).
  func rows(_ query: PostgresQuery) throws(PostgresSourceError) -> [PostgresRow] {
    do {
      return try connection.query(query, logger: Self.logger).wait().rows
    } catch {
      throw PostgresErrorText.error(error, source: source)
    }
  }

  /// Runs a query and hands each row to `onRow` as it arrives (rows are not collected).
  func stream(
    _ query: PostgresQuery, onRow: @escaping @Sendable (PostgresRow) throws -> Void
  ) throws(PostgresSourceError) {
    do {
      _ = try connection.query(query, logger: Self.logger, onRow).wait()
    } catch {
      throw PostgresErrorText.error(error, source: source)
    }
  }

  /// Closes the connection.
  func close() {
    _ = try? connection.close().wait()
  }

  private static func password(for source: PostgresSource) throws(PostgresSourceError)
    -> String?
  {
    switch source.password {
    case nil:
      return nil
    case .value(let secret):
      return secret.value
    case .environment(let name):
      guard let value = ProcessInfo.processInfo.environment[name] else {
        throw PostgresSourceError(
          source, "the environment variable \(name) (password_env) is not set")
      }
      return value
    case .file(let path):
      guard let data = FileManager.default.contents(atPath: path),
        var text = String(data: data, encoding: .utf8)
      else {
        throw PostgresSourceError(source, "cannot read the password file \(path)")
      }
      while let last = text.last, last.isNewline { text.removeLast() }
      return text
    }
  }
}
