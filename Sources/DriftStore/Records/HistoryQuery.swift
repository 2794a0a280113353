import DriftStats

/// Which stored feature results `DriftStore.history(_:)` returns.
public struct HistoryQuery: Sendable, Equatable {
  /// Monitor name.
  public var monitor: String
  /// Only this feature; all features when `nil`.
  public var feature: String?
  /// Only this test; all tests when `nil`.
  public var test: DriftTest?
  /// Only windows starting at or after this time (seconds since the epoch).
  public var since: Int64?
  /// Only windows starting before this time.
  public var until: Int64?
  /// Only results that signalled drift.
  public var driftedOnly: Bool
  /// Only results after this one in the order returned (window, feature, test): where the
  /// previous page ended.
  public var after: HistoryCursor?
  /// At most this many results; all when `nil`.
  public var limit: Int?

  /// Creates a query.
  public init(
    monitor: String, feature: String? = nil, test: DriftTest? = nil, since: Int64? = nil,
    until: Int64? = nil, driftedOnly: Bool = false, after: HistoryCursor? = nil,
    limit: Int? = nil
  ) {
    self.after = after
    self.limit = limit
    self.monitor = monitor
    self.feature = feature
    self.test = test
    self.since = since
    self.until = until
    self.driftedOnly = driftedOnly
  }
}
