import Foundation
import GRDB

extension DriftStore {
  /// The cached profile of the baseline with content hash `hash`, or nil.
  public func baseline(hash: String) throws(StoreError) -> StoredBaseline? {
    try perform("reading baseline \(hash)") {
      try database.read { db in
        guard
          let row = try Row.fetchOne(
            db, sql: "SELECT path, rows, profile, created_at FROM baselines WHERE hash = ?",
            arguments: [hash])
        else { return nil }
        let profile: Data = row[2]
        return StoredBaseline(
          hash: hash, path: row[0], rows: row[1], profile: [UInt8](profile), createdAt: row[3])
      }
    }
  }

  /// Caches a baseline profile. Idempotent: when the hash is already stored, the stored
  /// entry is kept (same content, same profile).
  public func saveBaseline(_ baseline: StoredBaseline) throws(StoreError) {
    try perform("saving baseline \(baseline.hash)") {
      try database.write { db in
        try db.execute(
          sql: """
            INSERT INTO baselines (hash, path, rows, profile, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (hash) DO NOTHING
            """,
          arguments: [
            baseline.hash, baseline.path, baseline.rows, Data(baseline.profile),
            baseline.createdAt,
          ])
      }
    }
  }
}
