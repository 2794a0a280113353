import DriftConfig
import DriftData
import DriftStore

/// What `/metrics` shows, read from the store in one go through the same queries as `status`
/// and `history` (the last evaluated window's data-set and feature results).
struct MetricsSnapshot: Sendable {
  /// One monitor's figures.
  struct Monitor: Sendable {
    var name: String
    var status: MonitorStatus?
    /// The last window evaluated to a verdict, with its data-set results and feature results.
    var lastEvaluated: DatasetHistoryRow?
    var features: [HistoryRow]
  }

  var monitors: [Monitor]
  /// Pending and dead outbox rows per configured notifier.
  var outbox: [(notifier: String, backlog: DriftStore.OutboxBacklog)]
  /// When the snapshot was read, seconds since the epoch.
  var now: Int64

  /// Reads the snapshot for the configured monitors and notifiers.
  static func read(store: DriftStore, configuration: Configuration, now: Int64)
    throws(StoreError) -> MetricsSnapshot
  {
    try read(
      store: store, monitors: configuration.monitors.map(\.name),
      notifiers: Array(configuration.notifiers.keys), now: now)
  }

  /// Reads the snapshot for the named monitors and notifiers.
  static func read(store: DriftStore, monitors names: [String], notifiers: [String], now: Int64)
    throws(StoreError) -> MetricsSnapshot
  {
    let statuses = Dictionary(
      try store.status().map { ($0.monitor, $0) }, uniquingKeysWith: { first, _ in first })
    var monitors: [Monitor] = []
    for name in names {
      var entry = Monitor(name: name, status: statuses[name], lastEvaluated: nil, features: [])
      if let window = try store.lastEvaluatedWindow(monitor: name) {
        entry.lastEvaluated = try store.datasetHistory(
          monitor: name, since: window.start, until: window.start + 1
        ).first
        entry.features = try store.history(
          HistoryQuery(monitor: name, since: window.start, until: window.start + 1))
      }
      monitors.append(entry)
    }
    let backlog = try store.outboxBacklogByNotifier()
    let lanes = Set(notifiers).union(backlog.keys).sorted()
    let outbox = lanes.map {
      (notifier: $0, backlog: backlog[$0] ?? DriftStore.OutboxBacklog(pending: 0, dead: 0))
    }
    return MetricsSnapshot(monitors: monitors, outbox: outbox, now: now)
  }
}
