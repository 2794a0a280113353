import DriftStore
import Prometheus
import Synchronization

/// Renders a ``MetricsSnapshot`` as Prometheus text exposition through swift-prometheus.
///
/// Names follow Prometheus' rules: a `driftwatch_` prefix, base units (`_seconds`, ratios
/// from 0 to 1), `_total` on counters. The per-feature series are capped; what the cap drops
/// is counted in `driftwatch_metrics_series_dropped_total` (a counter over the process's life).
///
/// The registry lives across scrapes: adding a label set to a family copies the family in
/// swift-prometheus, so a fresh registry per scrape would cost time quadratic in the series.
/// Each scrape updates the series it finds and unregisters those it no longer finds (a monitor
/// or feature removed); scrapes are serialized.
final class MetricsRenderer: Sendable {
  /// The version in `driftwatch_build_info`.
  let version: String
  /// The most `driftwatch_feature_*` series (label sets) shown per scrape.
  let maxFeatureSeries: Int
  private let state = Mutex<[String: Series]>([:])
  private let registry = PrometheusCollectorRegistry()
  private let droppedCounter: Counter

  /// A series of the registry, to unregister it once gone.
  enum Series: Sendable {
    case gauge(Gauge)
    case counter(Counter)
  }

  init(version: String, maxFeatureSeries: Int) {
    self.version = version
    self.maxFeatureSeries = maxFeatureSeries
    droppedCounter = registry.makeCounter(
      name: "driftwatch_metrics_series_dropped_total",
      help: "Feature series left out of scrapes by the cap, summed over scrapes.")
  }

  /// The exposition text.
  func render(_ snapshot: MetricsSnapshot) -> [UInt8] {
    state.withLock { previous in
      let scrape = Scrape(registry: registry, known: previous)
      fill(scrape, from: snapshot)
      for (key, series) in previous where scrape.seen[key] == nil {
        switch series {
        case .gauge(let gauge): registry.unregisterGauge(gauge)
        case .counter(let counter): registry.unregisterCounter(counter)
        }
      }
      previous = scrape.seen
      return registry.emitToBuffer()
    }
  }

  /// Sets every series of `snapshot` through `registry`.
  private func fill(_ registry: Scrape, from snapshot: MetricsSnapshot) {
    registry.makeGauge(
      name: "driftwatch_build_info", labels: [("version", version)],
      help: "Always 1; the version label says which driftwatch runs."
    ).set(1.0)
    registry.makeGauge(name: "driftwatch_monitors", help: "Monitors configured.")
      .set(Double(snapshot.monitors.count))
    var shown = 0
    var droppedNow = 0
    for monitor in snapshot.monitors {
      let labels = [("monitor", monitor.name)]
      renderCounts(monitor, labels: labels, now: snapshot.now, into: registry)
      if let row = monitor.lastEvaluated {
        renderDataset(row, labels: labels, into: registry)
      }
      for row in monitor.features {
        guard shown < maxFeatureSeries else {
          droppedNow += 1
          continue
        }
        shown += 1
        let featureLabels =
          labels + [("feature", row.result.feature), ("test", row.result.test.rawValue)]
        if let statistic = row.result.statistic, statistic.isFinite {
          registry.makeGauge(
            name: "driftwatch_feature_statistic", labels: featureLabels,
            help: "The test statistic of the last evaluated window."
          ).set(statistic)
        }
        if let pValue = row.result.pValue, pValue.isFinite {
          registry.makeGauge(
            name: "driftwatch_feature_p_value", labels: featureLabels,
            help: "The p-value of the last evaluated window (tests that have one)."
          ).set(pValue)
        }
        registry.makeGauge(
          name: "driftwatch_feature_drifted", labels: featureLabels,
          help: "1 when the test signalled drift in the last evaluated window, else 0."
        ).set(row.result.drifted ? 1.0 : 0.0)
      }
    }
    for entry in snapshot.outbox {
      let labels = [("notifier", entry.notifier)]
      registry.makeGauge(
        name: "driftwatch_notifier_outbox_pending", labels: labels,
        help: "Notifications not yet delivered (due now or later)."
      ).set(Double(entry.backlog.pending))
      registry.makeGauge(
        name: "driftwatch_notifier_dead_letters", labels: labels,
        help: "Notifications given up on (see driftwatch alerts)."
      ).set(Double(entry.backlog.dead))
    }
    registry.makeGauge(
      name: "driftwatch_metrics_feature_series_limit",
      help: "The cap on driftwatch_feature_* series per scrape (http.metrics.max_feature_series)."
    ).set(Double(maxFeatureSeries))
    droppedCounter.increment(by: Int64(droppedNow))
  }

  private func renderCounts(
    _ monitor: MetricsSnapshot.Monitor, labels: [(String, String)], now: Int64,
    into registry: Scrape
  ) {
    for status in RunStatus.allCases {
      let counter = registry.makeCounter(
        name: "driftwatch_monitor_windows_total", labels: labels + [("status", status.rawValue)],
        help: "Windows stored, by outcome.")
      // The stored count: reset, then added (scrapes are serialized, emitting included).
      counter.reset()
      counter.increment(by: Int64(monitor.status?.counts[status] ?? 0))
    }
    registry.makeGauge(
      name: "driftwatch_monitor_failing", labels: labels,
      help: "1 while the latest windows failed (see failing_since in the API), else 0."
    ).set(monitor.status?.failingSince == nil ? 0.0 : 1.0)
    guard let last = monitor.status?.lastWindow else { return }
    registry.makeGauge(
      name: "driftwatch_monitor_last_window_end_timestamp_seconds", labels: labels,
      help: "End of the newest stored window, seconds since the epoch."
    ).set(Double(last.window.end))
    registry.makeGauge(
      name: "driftwatch_monitor_window_lag_seconds", labels: labels,
      help: "Seconds since the newest stored window ended."
    ).set(Double(max(now - last.window.end, 0)))
  }

  private func renderDataset(
    _ row: DatasetHistoryRow, labels: [(String, String)],
    into registry: Scrape
  ) {
    let dataset = row.dataset
    registry.makeGauge(
      name: "driftwatch_monitor_drifted_features", labels: labels,
      help: "Features with a drifted test in the last evaluated window."
    ).set(Double(dataset.driftedFeatures))
    if dataset.driftedShare.isFinite {
      registry.makeGauge(
        name: "driftwatch_monitor_drifted_features_ratio", labels: labels,
        help: "Share of features drifted in the last evaluated window (0 to 1)."
      ).set(dataset.driftedShare)
    }
    if let magnitude = dataset.magnitude?.magnitude, magnitude.isFinite {
      registry.makeGauge(
        name: "driftwatch_monitor_drift_magnitude_ratio", labels: labels,
        help: "Drift magnitude of the last evaluated window (0 to 1; the CLI shows percent)."
      ).set(magnitude / 100)
    }
    if let error = dataset.reconstruction?.error, error.isFinite {
      registry.makeGauge(
        name: "driftwatch_monitor_reconstruction_error", labels: labels,
        help: "PCA reconstruction error of the last evaluated window."
      ).set(error)
    }
  }
}

/// One scrape's view of the registry: the series it sets, by name and labels. Series the
/// previous scrape made are reused without asking the registry (whose lookup copies the family).
private final class Scrape {
  let registry: PrometheusCollectorRegistry
  let known: [String: MetricsRenderer.Series]
  var seen: [String: MetricsRenderer.Series] = [:]

  init(registry: PrometheusCollectorRegistry, known: [String: MetricsRenderer.Series]) {
    self.registry = registry
    self.known = known
  }

  private static func key(_ name: String, _ labels: [(String, String)]) -> String {
    ([name] + labels.map { "\($0.0)=\($0.1)" }).joined(separator: "\u{0}")
  }

  func makeGauge(name: String, labels: [(String, String)] = [], help: String) -> Gauge {
    let key = Self.key(name, labels)
    if case .gauge(let gauge) = known[key] {
      seen[key] = .gauge(gauge)
      return gauge
    }
    let gauge =
      labels.isEmpty
      ? registry.makeGauge(name: name, help: help)
      : registry.makeGauge(name: name, labels: labels, help: help)
    seen[key] = .gauge(gauge)
    return gauge
  }

  func makeCounter(name: String, labels: [(String, String)], help: String) -> Counter {
    let key = Self.key(name, labels)
    if case .counter(let counter) = known[key] {
      seen[key] = .counter(counter)
      return counter
    }
    let counter = registry.makeCounter(name: name, labels: labels, help: help)
    seen[key] = .counter(counter)
    return counter
  }
}
