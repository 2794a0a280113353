import GRDB

/// A failure of the history store, with the database path and what to do about it.
public struct StoreError: Error, CustomStringConvertible, Sendable {
  /// What went wrong, so callers can react (retry on `.busy`, exit on `.corrupt`, ...).
  public enum Kind: String, Sendable, Equatable {
    /// The window is already stored; pass `replace: true` to overwrite it.
    case duplicateWindow
    /// Another connection held the database lock longer than the busy timeout.
    case busy
    /// The disk (or a size limit) is full.
    case full
    /// The database or its directory cannot be written.
    case readOnly
    /// The file is damaged or is not a SQLite database.
    case corrupt
    /// The database file does not exist (or was deleted while open).
    case notFound
    /// Another file took the database's name while it was open.
    case replaced
    /// The file cannot be opened (missing directory, permissions).
    case cannotOpen
    /// The file was created by another driftwatch version, or is not a driftwatch database.
    case incompatibleSchema
    /// A record broke a constraint, e.g. two results for the same feature and test.
    case invalidRecord
    /// Anything else (I/O errors, misuse); see the message.
    case other
  }

  /// What went wrong.
  public var kind: Kind
  /// The database file involved.
  public var path: String
  /// A sentence a person can act on: what failed, where, and what to do.
  public var message: String
  /// The SQLite extended result code, when SQLite reported the failure.
  public var sqliteCode: Int32?

  /// Creates an error.
  public init(_ kind: Kind, path: String, message: String, sqliteCode: Int32? = nil) {
    self.kind = kind
    self.path = path
    self.message = message
    self.sqliteCode = sqliteCode
  }

  public var description: String { message }
}

extension StoreError {
  /// Maps any error thrown while doing `action` on the database at `path` to a `StoreError`.
  ///
  /// SQLite result codes are sorted by their primary code (the low byte), so extended codes
  /// such as `SQLITE_BUSY_SNAPSHOT` or `SQLITE_CORRUPT_INDEX` land in the right kind.
  static func wrapping(
    _ error: any Error, path: String, action: String, busyTimeout: Double? = nil
  ) -> StoreError {
    if let error = error as? StoreError { return error }
    guard let error = error as? DatabaseError else {
      return StoreError(.other, path: path, message: "\(action) failed on \(path): \(error)")
    }
    let code = error.extendedResultCode.rawValue
    let detail = error.message ?? "SQLite error \(code)"
    let kind: Kind
    let advice: String
    switch error.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      kind = .busy
      let waited = busyTimeout.map { " for \($0) s" } ?? ""
      advice =
        "another process held the database lock\(waited); check that only one driftwatch "
        + "daemon writes to this file, then retry (or raise the busy timeout)"
    case .SQLITE_FULL:
      kind = .full
      advice =
        "the disk is full; free space on its file system or prune old history "
        + "(driftwatch db prune), then retry"
    case .SQLITE_READONLY, .SQLITE_PERM:
      kind = .readOnly
      advice =
        "the database cannot be written; check the permissions of the file and of its "
        + "directory (SQLite writes -wal and -shm files next to it)"
    case .SQLITE_CORRUPT, .SQLITE_NOTADB:
      kind = .corrupt
      advice =
        "the file is damaged or not a SQLite database; move it aside and restore the last "
        + "backup (driftwatch db backup makes one)"
    case .SQLITE_CANTOPEN:
      kind = .cannotOpen
      advice = "check that the directory exists and that this user may read and write it"
    case .SQLITE_CONSTRAINT:
      kind = .invalidRecord
      advice = "nothing was written; the record is inconsistent (e.g. a repeated feature and test)"
    case .SQLITE_IOERR:
      kind = .other
      advice =
        "the operating system refused a read or write; check that the file and its -wal are "
        + "still writable (a read-only mount, chattr +i), the disk, and the system log"
    default:
      kind = .other
      advice = "see the SQLite message"
    }
    return StoreError(
      kind, path: path, message: "\(action) failed on \(path): \(detail); \(advice)",
      sqliteCode: code)
  }
}
