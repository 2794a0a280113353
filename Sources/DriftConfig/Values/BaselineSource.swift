import DriftData

/// The reference data set of a monitor (`baseline:`), usually the training data.
public struct BaselineSource: Sendable, Equatable {
  /// Absolute path of the file; for a PostgreSQL baseline, its ``PostgresBaselineSource/displayName``.
  public var path: String
  /// The file's format: as set with `format:`, else implied by the extension.
  public var format: DataFormat
  /// The CSV field delimiter as set with `delimiter:`, or nil for the reader's default.
  public var delimiter: UInt8?
  /// The server the baseline is read from (`postgres:`), or nil for a file.
  public var postgres: PostgresBaselineSource?

  /// Creates a baseline source.
  public init(path: String, format: DataFormat, delimiter: UInt8? = nil) {
    self.path = path
    self.format = format
    self.delimiter = delimiter
  }

  /// A baseline read from a PostgreSQL-protocol server.
  public init(postgres: PostgresBaselineSource) {
    self.path = postgres.displayName
    self.format = .csv
    self.delimiter = nil
    self.postgres = postgres
  }
}
