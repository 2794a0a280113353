import Foundation
import GRDB

extension DriftStore {
  /// Deletes every run (of every monitor) whose window ended before `cutoff`, with its
  /// feature results, in one transaction that also rebuilds the roll-up of the days
  /// those windows started on.
  ///
  /// - Returns: The number of runs deleted.
  @discardableResult
  public func prune(olderThan cutoff: Int64) throws(StoreError) -> Int {
    try perform("pruning history before \(Self.timestamp(cutoff))") {
      try database.write { db in
        // ON DELETE CASCADE removes the results; changesCount counts the runs only.
        try db.execute(sql: "DELETE FROM runs WHERE window_end < ?", arguments: [cutoff])
        let removed = db.changesCount
        if removed > 0 { try ResultRollup.afterPrune(cutoff: cutoff, in: db) }
        return removed
      }
    }
  }

  /// Copies the database to `destination` with SQLite's online backup API, from one read
  /// snapshot, so it is consistent and safe while a daemon keeps writing.
  ///
  /// The copy is written next to `destination` and renamed over it when complete, so an
  /// interrupted backup never leaves a partial file under the final name.
  public func backup(to destination: String) throws(StoreError) {
    let source = URL(fileURLWithPath: path).standardizedFileURL.path
    let target = URL(fileURLWithPath: destination).standardizedFileURL.path
    guard source != target else {
      throw StoreError(
        .other, path: path,
        message: "backup of \(path) onto itself refused: choose another destination file")
    }
    // A -wal file next to the destination means a connection has it open (or crashed with it
    // open): SQLite would replay those stale frames onto the new copy, so refuse.
    guard !FileManager.default.fileExists(atPath: target + "-wal") else {
      throw StoreError(
        .other, path: path,
        message:
          "backup to \(destination) refused: \(target)-wal exists, so the file is in use; "
          + "close whatever has it open (or remove the stale -wal), or choose another file")
    }
    let partial = target + ".partial"
    try perform("backing up to \(destination)") {
      try? FileManager.default.removeItem(atPath: partial)
      Self.createPrivately(partial)
      do {
        // The destination connection closes when `copy` goes out of scope, before the rename.
        let copy = try DatabaseQueue(path: partial)
        try database.backup(to: copy)
      }
      // rename(2) replaces an older backup atomically: readers see the old or the new copy.
      guard rename(partial, target) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(atPath: partial)
        throw StoreError(
          .other, path: path,
          message: "backup to \(destination) failed: cannot rename the finished copy: \(reason)")
      }
    }
  }

  /// Rebuilds the database file to return the space of deleted rows (after a large prune).
  public func vacuum() throws(StoreError) {
    try perform("vacuuming") { try database.vacuum() }
  }

  /// Runs SQLite's integrity and foreign-key checks.
  ///
  /// - Returns: One line per problem; empty when the database is sound.
  public func integrityCheck() throws(StoreError) -> [String] {
    try perform("checking integrity") {
      try database.read { db in
        var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if problems == ["ok"] { problems = [] }
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
          let table: String = row[0]
          let rowID: Int64? = row[1]
          let parent: String = row[2]
          problems.append(
            "row \(rowID.map(String.init) ?? "?") of \(table) refers to a missing \(parent) row")
        }
        return problems
      }
    }
  }
}
