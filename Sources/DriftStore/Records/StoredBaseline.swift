/// A baseline profile cached by the content hash of its file, so it is computed once.
public struct StoredBaseline: Sendable, Equatable {
  /// Content hash of the baseline file (the key).
  public var hash: String
  /// Where the file was read from (informational; the hash decides).
  public var path: String
  /// Rows in the baseline.
  public var rows: Int
  /// The serialized profile; its format belongs to the caller.
  public var profile: [UInt8]
  /// When the profile was computed, seconds since the epoch.
  public var createdAt: Int64

  /// Creates a baseline entry.
  public init(hash: String, path: String, rows: Int, profile: [UInt8], createdAt: Int64) {
    self.hash = hash
    self.path = path
    self.rows = rows
    self.profile = profile
    self.createdAt = createdAt
  }
}
