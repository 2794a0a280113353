import Foundation

extension DriftStore {
  /// The mode of a database file driftwatch creates, before the umask: the owner reads and
  /// writes, its group may read (an operators' group running `driftwatch status`), other users
  /// get nothing. The history holds monitor and feature names, values quoted in window errors
  /// and alert payloads, which are nobody else's business. SQLite gives the `-wal` and `-shm`
  /// files the database file's mode.
  public static let fileMode: mode_t = 0o640

  /// Creates an empty file at `path` with ``fileMode`` (and the umask) when none exists, so
  /// SQLite opens it instead of creating it with 0644; an existing file keeps its mode.
  static func createPrivately(_ path: String) {
    let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, fileMode)
    if descriptor >= 0 { close(descriptor) }
  }
}
