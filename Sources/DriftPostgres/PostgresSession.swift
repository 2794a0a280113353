import DriftConfig
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a source's server, leased from the server's pool for one window and
/// driven synchronously from the thread that evaluates it (the scheduler runs monitors off the
/// cooperative pool; the client's I/O runs on the shared NIO event loops, so waiting here blocks
/// neither). ``close()`` gives the connection back; after any error it is closed instead.
final class PostgresSession {
  let source: PostgresSource
  let connection: PostgresConnection
  private let pool: PostgresPool
  /// Whether a statement failed: the connection's state is unknown, so it is not reused.
  private var failed = false
  private var released = false

  /// The client's own log lines would carry SQL and server details at debug level; errors reach
  /// the user through ``PostgresSourceError`` instead, so the client logs nowhere.
  static let logger = Logger(
    label: "driftwatch.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

  private init(source: PostgresSource, connection: PostgresConnection, pool: PostgresPool) {
    self.source = source
    self.connection = connection
    self.pool = pool
  }

  /// A connection to `source`'s server from its pool in `pools` (waiting for a free one).
  static func open(_ source: PostgresSource, pools: PostgresPools = .shared)
    throws(PostgresSourceError) -> PostgresSession
  {
    let pool = pools.pool(for: source)
    return PostgresSession(source: source, connection: try pool.lease(), pool: pool)
  }

  /// A connection to `source`'s server if its pool has one free now, else nil (never waits).
  static func openIfFree(_ source: PostgresSource, pools: PostgresPools = .shared)
    throws(PostgresSourceError) -> PostgresSession?
  {
    let pool = pools.pool(for: source)
    guard let connection = try pool.leaseIfFree() else { return nil }
    return PostgresSession(source: source, connection: connection, pool: pool)
  }

  /// Connects to `source`'s server (TLS as configured, password read now).
  static func connect(_ source: PostgresSource, id: Int) throws(PostgresSourceError)
    -> PostgresConnection
  {
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
      on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id,
      logger: logger)
    do {
      return try future.wait()
    } catch {
      throw PostgresErrorText.error(error, source: source)
    }
  }

  /// Runs `body` in a read-only transaction whose statements stop after `statement_timeout`.
  func readOnly<T>(_ body: () throws(PostgresSourceError) -> T) throws(PostgresSourceError) -> T {
    for statement in Self.readOnlyBegin(source) { try run(PostgresQuery(unsafeSQL: statement)) }
    let result: T
    do {
      result = try body()
    } catch {
      // Left inside a transaction (or mid-stream): never handed to another window.
      failed = true
      throw error
    }
    try run("COMMIT")
    return result
  }

  /// How ``readOnly(_:)`` opens its transaction (what `--explain` prints before the window's
  /// statement).
  static func readOnlyBegin(_ source: PostgresSource) -> [String] {
    ["BEGIN TRANSACTION READ ONLY", statementTimeout(source)]
  }

  /// The `SET LOCAL` that stops each statement of a window's transaction after the source's
  /// `statement_timeout`.
  static func statementTimeout(_ source: PostgresSource) -> String {
    "SET LOCAL statement_timeout = \(source.statementTimeout * 1000)"
  }

  /// Opens a push-down window's transaction: `REPEATABLE READ, READ ONLY` (every statement of
  /// the window reads one snapshot), importing `snapshot` (exported by another connection's
  /// transaction, ``exportSnapshot()``) when given, with the source's `statement_timeout`, no
  /// parallel workers and no synchronized scans (either would change the order in which a
  /// cell's values are summed from one evaluation to the next, and with it the last bits).
  /// End it with ``commit()``; after a failure the connection is closed when released.
  func beginPushdown(snapshot: String?) throws(PostgresSourceError) {
    try run(PostgresQuery(unsafeSQL: Self.pushdownBegin))
    if let snapshot {
      // Must come before any query of the transaction. The identifier is the server's own
      // text, checked to be hex digits and dashes before it is spliced into the statement
      // (SET TRANSACTION takes no parameters).
      guard !snapshot.isEmpty, snapshot.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
        failed = true
        throw PostgresSourceError(source, "pg_export_snapshot returned '\(snapshot)'")
      }
      try run(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'"))
    }
    try run(PostgresQuery(unsafeSQL: Self.statementTimeout(source)))
    for setting in Self.pushdownSettings { try run(PostgresQuery(unsafeSQL: setting)) }
  }

  /// How every push-down transaction begins.
  static let pushdownBegin = "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"

  /// The settings of every push-down transaction, after its `statement_timeout`.
  static let pushdownSettings = [
    "SET LOCAL max_parallel_workers_per_gather = 0", "SET LOCAL synchronize_seqscans = off",
  ]

  /// `pg_export_snapshot()` of this connection's transaction: other connections import it
  /// with ``beginPushdown(snapshot:)`` while this transaction stays open.
  func exportSnapshot() throws(PostgresSourceError) -> String {
    let rows = try rows("SELECT pg_export_snapshot()")
    guard let row = rows.first, let snapshot = try? row.decode(String.self) else {
      failed = true
      throw PostgresSourceError(source, "pg_export_snapshot returned no snapshot")
    }
    return snapshot
  }

  /// Ends a transaction opened by ``beginPushdown(snapshot:)``.
  func commit() throws(PostgresSourceError) {
    try run("COMMIT")
  }

  /// Marks the connection as not reusable: it is closed when released (its transaction was
  /// left open by a failure elsewhere in the window).
  func discard() {
    failed = true
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
      failed = true
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
      failed = true
      throw PostgresErrorText.error(error, source: source)
    }
  }

  /// Gives the connection back to the pool (closed instead after a failed statement).
  func close() {
    guard !released else { return }
    released = true
    pool.release(connection, reusable: !failed)
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
