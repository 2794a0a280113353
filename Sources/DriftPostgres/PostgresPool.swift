import DriftConfig
import Foundation
import PostgresNIO

/// The connections to one server, shared by every monitor that reads from it: at most
/// `size` open at once; a window waits for a free one.
///
/// Why not the client library's `PostgresClient`: it runs as a service of its own and leases
/// connections to `async` closures, while every window here is driven synchronously from the
/// thread that evaluates it, in one read-only transaction with `SET LOCAL statement_timeout`.
/// A small pool of ``PostgresConnection``s fits that directly: a lease is a whole transaction,
/// and a connection whose transaction failed is closed rather than reused (no state can leak
/// from one window into the next).
final class PostgresPool: @unchecked Sendable {
  /// What the pool connects with (the first source that asked for it).
  let source: PostgresSource
  /// Most connections open at once.
  let size: Int

  // Guarded by `condition`: idle connections, connections open (idle or leased), closed flag.
  private let condition = NSCondition()
  private var idle: [PostgresConnection] = []
  private var open = 0
  private var closed = false
  private var nextID = 1

  init(source: PostgresSource) {
    self.source = source
    self.size = max(1, source.poolSize)
  }

  deinit {
    // A pool dropped without close() (a PostgresPools that went away): its idle connections
    // are closed here, as the client requires before a connection is released.
    close()
  }

  /// An open connection, after waiting (up to the connect timeout) for one to be free.
  ///
  /// - Throws: ``PostgresSourceError`` when none frees up in time, the pool was closed, or a
  ///   new connection cannot be made.
  func lease() throws(PostgresSourceError) -> PostgresConnection {
    let deadline = Date().addingTimeInterval(Double(source.connectTimeout))
    let id: Int
    condition.lock()
    while true {
      if closed {
        condition.unlock()
        throw PostgresSourceError(source, "the connection pool was closed (shutting down)")
      }
      while let connection = idle.popLast() {
        guard connection.isClosed else {
          condition.unlock()
          return connection
        }
        open -= 1  // the server closed it while it was idle
      }
      if open < size {
        open += 1
        id = nextID
        nextID += 1
        break
      }
      guard condition.wait(until: deadline) else {
        condition.unlock()
        throw PostgresSourceError(
          source,
          "all \(size) connections of the pool (pool_size) stayed busy for connect_timeout "
            + "(\(source.connectTimeout)s); raise pool_size or connect_timeout")
      }
    }
    condition.unlock()
    return try connect(id: id)
  }

  /// An open connection if one is idle or the pool has room for another, else nil at once
  /// (never waiting): the extra connections of a parallel push-down window, which must not
  /// wait for each other across windows (two windows each holding one connection of a pool of
  /// two and waiting for a second would wait until `connect_timeout`).
  ///
  /// - Throws: ``PostgresSourceError`` when a new connection cannot be made.
  func leaseIfFree() throws(PostgresSourceError) -> PostgresConnection? {
    let id: Int
    condition.lock()
    if closed {
      condition.unlock()
      return nil
    }
    while let connection = idle.popLast() {
      guard connection.isClosed else {
        condition.unlock()
        return connection
      }
      open -= 1
    }
    guard open < size else {
      condition.unlock()
      return nil
    }
    open += 1
    id = nextID
    nextID += 1
    condition.unlock()
    return try connect(id: id)
  }

  /// A new connection for a place already counted in `open` (taken under the lock); on failure
  /// the place is given back and a waiting lease woken.
  private func connect(id: Int) throws(PostgresSourceError) -> PostgresConnection {
    do {
      return try PostgresSession.connect(source, id: id)
    } catch {
      condition.lock()
      open -= 1
      condition.signal()
      condition.unlock()
      throw error
    }
  }

  /// Gives `connection` back: kept for the next window when `reusable`, else closed.
  func release(_ connection: PostgresConnection, reusable: Bool) {
    condition.lock()
    let keep = reusable && !closed && !connection.isClosed
    if keep { idle.append(connection) } else { open -= 1 }
    condition.signal()
    condition.unlock()
    if !keep { Self.close(connection) }
  }

  /// Closes the idle connections and makes later leases fail; leased ones close when released.
  func close() {
    condition.lock()
    closed = true
    let connections = idle
    idle = []
    open -= connections.count
    condition.broadcast()
    condition.unlock()
    for connection in connections { Self.close(connection) }
  }

  /// Connections open now (idle and leased), for tests and logs.
  var openCount: Int {
    condition.lock()
    defer { condition.unlock() }
    return open
  }

  private static func close(_ connection: PostgresConnection) {
    // Closing a connection the server already closed fails harmlessly.
    _ = try? connection.close().wait()
  }
}
