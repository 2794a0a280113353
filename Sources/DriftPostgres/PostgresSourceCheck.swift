import DriftStats

/// What `driftwatch source check` found on the server: the columns of the window query (run with
/// `LIMIT 0`), each against the baseline's features, and the statements a window sends.
public struct PostgresSourceCheck: Sendable {
  /// One column of the window query's result.
  public struct Column: Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Its PostgreSQL type (`double precision`, `text`, ...).
    public var type: String
    /// The baseline's kind when it is a feature, else nil.
    public var feature: ColumnKind?
    /// Why it cannot be read as that feature, or nil.
    public var problem: String?
  }

  /// The server, as errors name it.
  public var server: String
  /// The result's columns, in order.
  public var columns: [Column]
  /// Problems that will fail every window (missing features, wrong types), empty when none.
  public var problems: [String]
  /// The statements one window sends, in order.
  public var statements: [String]
}
