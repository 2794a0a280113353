import DriftStore

/// `/metrics` without the listener: for benchmarks and tools. Like the listener, it keeps its
/// series between renders (see ``MetricsRenderer``).
public final class MetricsExposition: Sendable {
  private let renderer: MetricsRenderer

  /// Creates an exposition.
  ///
  /// - Parameters:
  ///   - version: The version in `driftwatch_build_info`.
  ///   - maxFeatureSeries: The cap on `driftwatch_feature_*` series.
  public init(version: String, maxFeatureSeries: Int) {
    renderer = MetricsRenderer(version: version, maxFeatureSeries: maxFeatureSeries)
  }

  /// The exposition text for the named monitors and notifiers, as `/metrics` serves it.
  ///
  /// - Parameters:
  ///   - store: The history database (read only).
  ///   - monitors: Monitor names, in order.
  ///   - notifiers: Notifier names.
  ///   - now: Seconds since the epoch, for the window lag.
  /// - Throws: ``StoreError`` when the store cannot be read.
  public func render(store: DriftStore, monitors: [String], notifiers: [String] = [], now: Int64)
    throws(StoreError) -> [UInt8]
  {
    let snapshot = try MetricsSnapshot.read(
      store: store, monitors: monitors, notifiers: notifiers, now: now)
    return renderer.render(snapshot)
  }
}
