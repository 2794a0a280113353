import DriftData
import DriftStats
import Foundation
import GRDB

extension DriftStore {
  /// Inserts the window's feature pictures for run `runID` (inside the window's transaction).
  func writePictures(
    _ window: WindowRecord, runID: Int64, names: inout InternedNames, in db: Database
  ) throws {
    guard !window.pictures.isEmpty else { return }
    let insert = try db.cachedStatement(
      sql: "INSERT INTO feature_pictures (run_id, feature_id, picture) VALUES (?, ?, ?)")
    for item in window.pictures {
      let featureID = try names.feature(item.feature, kind: item.kind, in: db)
      do {
        try insert.execute(arguments: [runID, featureID, Data(item.picture.encoded())])
      } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
        throw StoreError(
          .invalidRecord, path: path,
          message:
            "\(Self.describe(window)) has more than one picture for feature "
            + "'\(item.feature)'; nothing was written",
          sqliteCode: error.extendedResultCode.rawValue)
      }
    }
  }

  /// The stored pictures of one window of `monitor` (the window starting at `windowStart`), in
  /// feature name order; empty for a window stored before pictures were kept.
  ///
  /// - Throws: `.invalidRecord` when a stored picture cannot be decoded, and the database kinds.
  public func pictures(monitor: String, windowStart: Int64) throws(StoreError)
    -> [FeaturePictureRecord]
  {
    try readPictures(
      monitor: monitor, condition: "r.window_start = ?", arguments: [windowStart]
    ).map(\.record)
  }

  /// The stored pictures of one feature of `monitor` for windows starting in `[since, until)`,
  /// oldest first: a seek per window on the `runs (monitor_id, window_start)` range.
  public func pictureHistory(monitor: String, feature: String, since: Int64, until: Int64)
    throws(StoreError) -> [(window: Window, record: FeaturePictureRecord)]
  {
    try readPictures(
      monitor: monitor,
      condition: "r.window_start >= ? AND r.window_start < ? AND f.name = ?",
      arguments: [since, until, feature])
  }

  private func readPictures(
    monitor: String, condition: String, arguments: [(any DatabaseValueConvertible)?]
  ) throws(StoreError) -> [(window: Window, record: FeaturePictureRecord)] {
    try perform("reading the pictures of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else {
          return []
        }
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT r.window_start, r.window_end, f.name, f.kind, p.picture
            FROM runs r JOIN feature_pictures p ON p.run_id = r.id
            JOIN features f ON f.id = p.feature_id
            WHERE r.monitor_id = ? AND \(condition)
            ORDER BY r.window_start, f.name
            """, arguments: StatementArguments([monitorID] + arguments))
        var result: [(window: Window, record: FeaturePictureRecord)] = []
        while let row = try rows.next() {
          let name: String = row[2]
          let blob: Data = row[4]
          let picture: FeaturePicture
          do throws(StatsError) {
            picture = try FeaturePicture(encoded: [UInt8](blob))
          } catch {
            throw StoreError(
              .invalidRecord, path: path,
              message: "the stored picture of feature '\(name)' cannot be read: \(error.message)")
          }
          let kind = ColumnKind(rawValue: row[3]) ?? .numeric
          result.append(
            (
              Window(start: row[0], end: row[1]),
              FeaturePictureRecord(feature: name, kind: kind, picture: picture)
            ))
        }
        return result
      }
    }
  }
}
