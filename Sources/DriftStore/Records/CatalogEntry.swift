/// One file of a monitor's file source as last read, so unchanged files are not read again.
public struct CatalogEntry: Sendable, Equatable {
  /// File path.
  public var path: String
  /// Size in bytes when read.
  public var size: Int64
  /// Modification time when read, nanoseconds since the epoch.
  public var mtimeNanoseconds: Int64
  /// Earliest row timestamp in the file, seconds since the epoch; `nil` for a file without rows.
  public var minTimestamp: Double?
  /// Latest row timestamp in the file; `nil` for a file without rows.
  public var maxTimestamp: Double?
  /// Rows in the file.
  public var rows: Int

  /// Creates an entry.
  public init(
    path: String, size: Int64, mtimeNanoseconds: Int64, minTimestamp: Double?,
    maxTimestamp: Double?, rows: Int
  ) {
    self.path = path
    self.size = size
    self.mtimeNanoseconds = mtimeNanoseconds
    self.minTimestamp = minTimestamp
    self.maxTimestamp = maxTimestamp
    self.rows = rows
  }
}
