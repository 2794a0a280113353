import DriftData

/// Where a monitor's inference data comes from (`target:`).
public struct TargetSource: Sendable, Equatable {
  /// The kind of source.
  public enum Kind: Sendable, Equatable {
    /// Files matching an absolute glob `pattern`, read as `format` (nil: by each file's
    /// extension) with an optional CSV `delimiter`.
    case files(pattern: String, format: DataFormat?, delimiter: UInt8?)
    /// Rows of `query` on the SQLite database at absolute `path`. The query holds the named
    /// parameters `:start` and `:end`, bound to the window's bounds (seconds since the epoch).
    case sqlite(path: String, query: String)
    /// Rows of a table or query on a PostgreSQL-protocol server.
    case postgres(PostgresSource)
  }

  /// The kind of source.
  public var kind: Kind
  /// The column that holds each row's time, which decides its window.
  public var timestampColumn: String

  /// Creates a target source.
  public init(kind: Kind, timestampColumn: String) {
    self.kind = kind
    self.timestampColumn = timestampColumn
  }
}
