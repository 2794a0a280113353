import DriftStore

/// `/metrics` without the listener: for benchmarks and tools.
public enum MetricsExposition {
  /// The exposition text for the named monitors and notifiers, as `/metrics` serves it.
  ///
  /// - Parameters:
  ///   - store: The history database (read only).
  ///   - monitors: Monitor names, in order.
  ///   - notifiers: Notifier names.
  ///   - now: Seconds since the epoch, for the window lag.
  ///   - version: The version in `driftwatch_build_info`.
  ///   - maxFeatureSeries: The cap on `driftwatch_feature_*` series.
  /// - Throws: ``StoreError`` when the store cannot be read.
  public static func render(
    store: DriftStore, monitors: [String], notifiers: [String] = [], now: Int64,
    version: String, maxFeatureSeries: Int
  ) throws(StoreError) -> [UInt8] {
    let snapshot = try MetricsSnapshot.read(
      store: store, monitors: monitors, notifiers: notifiers, now: now)
    return MetricsRenderer(version: version, maxFeatureSeries: maxFeatureSeries).render(snapshot)
  }
}
