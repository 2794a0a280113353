import GRDB

extension DriftStore {
  /// The files of `monitor`'s file source as last read, sorted by path.
  public func catalog(monitor: String) throws(StoreError) -> [CatalogEntry] {
    try perform("reading the file catalog of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else {
          return []
        }
        return try Row.fetchAll(
          db,
          sql: """
            SELECT path, size, mtime_ns, min_timestamp, max_timestamp, rows FROM file_catalog
            WHERE monitor_id = ? ORDER BY path
            """, arguments: [monitorID]
        ).map { row in
          CatalogEntry(
            path: row[0], size: row[1], mtimeNanoseconds: row[2], minTimestamp: row[3],
            maxTimestamp: row[4], rows: row[5])
        }
      }
    }
  }

  /// Replaces the whole file catalog of `monitor` with `entries`, in one transaction.
  ///
  /// - Throws: `.invalidRecord` when a path appears twice, or the database kinds.
  public func replaceCatalog(monitor: String, entries: [CatalogEntry]) throws(StoreError) {
    try perform("replacing the file catalog of monitor '\(monitor)'") {
      try database.write { db in
        var names = InternedNames()
        let monitorID = try names.monitor(monitor, in: db)
        try db.execute(sql: "DELETE FROM file_catalog WHERE monitor_id = ?", arguments: [monitorID])
        let insert = try db.makeStatement(
          sql: """
            INSERT INTO file_catalog (monitor_id, path, size, mtime_ns, min_timestamp,
              max_timestamp, rows) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for entry in entries {
          try insert.execute(arguments: [
            monitorID, entry.path, entry.size, entry.mtimeNanoseconds, entry.minTimestamp,
            entry.maxTimestamp, entry.rows,
          ])
        }
      }
    }
  }
}
