/// A baseline read in full from a PostgreSQL-protocol server (`baseline: { postgres: ... }`).
///
/// The rows are streamed (as `mode: pull` does for a window) into the same typed columns a
/// baseline file gives, then profiled like one. They are read when a monitor first needs its
/// baseline, again after a configuration reload, and again every ``refresh`` seconds when set.
public struct PostgresBaselineSource: Sendable, Equatable {
  /// The server, the credentials and the rows (`table:` or `query:`).
  public var source: PostgresSource
  /// The column that orders the rows and, with ``start`` / ``end``, limits them
  /// (`timestamp_column:`; nil: the target's `timestamp_column`).
  public var timestampColumn: String?
  /// The fixed range `[start, end)` of rows to read, in seconds since the epoch, or nil for
  /// every row. A `query:` receives them as `:start` and `:end` (timestamptz).
  public var range: (start: Int64, end: Int64)?
  /// Seconds after which the rows are read again, or nil to read them once per configuration.
  public var refresh: Int64?

  /// Creates a PostgreSQL baseline source.
  public init(
    source: PostgresSource, timestampColumn: String? = nil,
    range: (start: Int64, end: Int64)? = nil,
    refresh: Int64? = nil
  ) {
    self.source = source
    self.timestampColumn = timestampColumn
    self.range = range
    self.refresh = refresh
  }

  /// Equal settings (tuples are not `Equatable`, so the range is compared by its bounds).
  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.source == rhs.source && lhs.timestampColumn == rhs.timestampColumn
      && lhs.range?.start == rhs.range?.start && lhs.range?.end == rhs.range?.end
      && lhs.refresh == rhs.refresh
  }

  /// How logs, errors and the store name this baseline: server and relation, no password.
  public var displayName: String {
    switch source.relation {
    case .table(let name): "\(source.serverName) table \(name)"
    case .query: "\(source.serverName) query"
    }
  }

  /// The settings that shape the rows read, for the monitor's configuration hash (not
  /// `refresh:`, which changes when they are read, not what they are).
  var canonicalRendering: String {
    let range = self.range.map { "\($0.start)..<\($0.end)" } ?? "all"
    return source.canonicalRendering + ";timestamp=" + String(reflecting: timestampColumn ?? "-")
      + ";range=\(range)"
  }
}
