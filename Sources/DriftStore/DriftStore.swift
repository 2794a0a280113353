import Foundation
import GRDB

/// The SQLite history of a driftwatch installation: baselines, window runs and their feature
/// results, and the file catalog. The only type in driftwatch that speaks SQL.
///
/// A read-write store opens the file in WAL mode through a `DatabasePool`, so the CLI and
/// backups read while the daemon writes. Every method is synchronous and safe to call from any
/// thread; writes are serialized by GRDB's writer queue.
public final class DriftStore: Sendable {
  /// The database file.
  public let path: String
  /// Seconds a write waits for another connection's lock before failing with `.busy`.
  public let busyTimeout: Double
  let database: any DatabaseWriter
  /// The file opened for writing, to notice it being deleted or replaced (nil when read-only).
  let fileIdentity: FileIdentity?

  /// Opens (creating and migrating when needed) the store at `path` for reading and writing.
  ///
  /// A new file is created with mode ``fileMode`` (0640, less the umask).
  ///
  /// - Parameters:
  ///   - path: The database file; its directory must exist and be writable (for the WAL).
  ///   - busyTimeout: Seconds to wait for a lock held by another connection.
  /// - Throws: `.cannotOpen`, `.corrupt`, `.readOnly`, `.busy` or `.incompatibleSchema`
  ///   when the file was written by a newer driftwatch.
  public init(path: String, busyTimeout: Double = 5) throws(StoreError) {
    var configuration = Configuration()
    configuration.busyMode = .timeout(busyTimeout)
    configuration.journalMode = .wal
    configuration.label = "driftwatch-store"
    let pool: DatabasePool
    Self.createPrivately(path)
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
    } catch {
      throw StoreError.wrapping(
        error, path: path, action: "opening the history", busyTimeout: busyTimeout)
    }
    self.path = path
    self.busyTimeout = busyTimeout
    self.database = pool
    self.fileIdentity = FileIdentity(path: path)
    try perform("migrating the history schema") {
      let migrator = StoreSchema.migrator
      if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
        throw Self.newerSchema(path: path)
      }
      try migrator.migrate(pool)
    }
  }

  private init(path: String, busyTimeout: Double, database: any DatabaseWriter) {
    self.path = path
    self.busyTimeout = busyTimeout
    self.database = database
    self.fileIdentity = nil
  }

  /// Opens an existing store for queries only (the CLI), never creating or migrating it.
  ///
  /// - Throws: `.notFound` when the file does not exist, `.incompatibleSchema` when it is not
  ///   a driftwatch history at the schema this build knows, or the kinds of ``init(path:busyTimeout:)``.
  public static func openReadOnly(path: String, busyTimeout: Double = 5) throws(StoreError)
    -> DriftStore
  {
    guard FileManager.default.fileExists(atPath: path) else {
      throw StoreError(
        .notFound, path: path,
        message:
          "no driftwatch history at \(path): check the `store` path in the configuration, "
          + "or start the daemon (driftwatch serve / run-once) once to create it")
    }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(busyTimeout)
    configuration.label = "driftwatch-store-readonly"
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw StoreError.wrapping(
        error, path: path, action: "opening the history read-only", busyTimeout: busyTimeout)
    }
    let store = DriftStore(path: path, busyTimeout: busyTimeout, database: queue)
    try store.perform("checking the history schema") {
      let migrator = StoreSchema.migrator
      try queue.read { db in
        if try migrator.hasBeenSuperseded(db) { throw newerSchema(path: path) }
        guard try migrator.hasCompletedMigrations(db) else {
          throw StoreError(
            .incompatibleSchema, path: path,
            message:
              "\(path) is not an up-to-date driftwatch history: open it once read-write "
              + "(driftwatch serve, run-once or db migrate) to create or upgrade its schema")
        }
      }
    }
    return store
  }

  private static func newerSchema(path: String) -> StoreError {
    StoreError(
      .incompatibleSchema, path: path,
      message:
        "\(path) was written by a newer driftwatch (unknown schema migrations); "
        + "upgrade driftwatch, or point this one at another file")
  }

  /// Runs `body`, turning any GRDB or SQLite error into a `StoreError` that names `action`.
  func perform<T>(_ action: String, _ body: () throws -> T) throws(StoreError) -> T {
    do {
      return try body()
    } catch {
      throw StoreError.wrapping(error, path: path, action: action, busyTimeout: busyTimeout)
    }
  }
}
