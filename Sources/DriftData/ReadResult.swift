import DriftStats

/// What a read produced.
public struct ReadResult: Sendable {
  /// The typed columns; `table.rejectedRows` counts rows dropped under the skip policy.
  public var table: Table
  /// The first ``maximumExamples`` rejected rows, as errors locating each one.
  public var rejected: [DataError]
  /// Size of the file in bytes.
  public var bytes: Int64

  /// How many rejected rows are kept as examples.
  public static let maximumExamples = 20

  /// Creates a result.
  public init(table: Table, rejected: [DataError], bytes: Int64) {
    self.table = table
    self.rejected = rejected
    self.bytes = bytes
  }
}
