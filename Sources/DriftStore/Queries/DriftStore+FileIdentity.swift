import Foundation

/// The device and inode of a database file: which file an open connection writes to.
struct FileIdentity: Sendable, Equatable {
  var device: UInt64
  var inode: UInt64

  /// The identity of the file at `path` now, or nil when there is none.
  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }
}

extension DriftStore {
  /// Checks that `path` still names the database file this store opened.
  ///
  /// SQLite keeps writing to an open file after it was deleted or replaced (renamed over):
  /// everything stored from then on would vanish with the last close. The daemon calls this
  /// periodically and stops with this error rather than keep writing results nobody can read.
  ///
  /// - Throws: `.notFound` when the file was deleted, `.replaced` when another file now has
  ///   its name; the message names the file and says what to do.
  public func checkFileIdentity() throws(StoreError) {
    guard let opened = fileIdentity else { return }
    let advice =
      "driftwatch stops rather than write results to a file nobody can read; restart it to "
      + "open the file now at this path (a new history when there is none; windows within "
      + "catch_up are computed again)"
    guard let current = FileIdentity(path: path) else {
      throw StoreError(
        .notFound, path: path,
        message: "the database \(path) was deleted while driftwatch had it open; \(advice)")
    }
    if current != opened {
      throw StoreError(
        .replaced, path: path,
        message:
          "the database \(path) was replaced by another file while driftwatch had it open; "
          + advice)
    }
  }
}
