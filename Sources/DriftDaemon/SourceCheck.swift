import DriftConfig
import DriftPostgres
import DriftStats

/// `driftwatch source check`: connects to a monitor's database source and compares what its
/// window query returns with the baseline.
public enum SourceCheck {
  /// Profiles the monitor's baseline, then runs its window query with `LIMIT 0`.
  ///
  /// - Throws: ``SourceError`` when the monitor's target is not a database, the baseline cannot
  ///   be read, or the server cannot be reached or refuses the query.
  public static func postgres(_ monitor: MonitorConfiguration) throws(SourceError)
    -> PostgresSourceCheck
  {
    guard case .postgres(let source) = monitor.target.kind else {
      throw SourceError(
        "monitor '\(monitor.name)' reads files or SQLite, not a PostgreSQL source; "
          + "'config check' validates those")
    }
    let profile = try BaselineLoader.profileFromFile(monitor)
    let features = profile.features.map(\.name)
    let kinds = Dictionary(uniqueKeysWithValues: profile.features.map { ($0.name, $0.kind) })
    do {
      return try PostgresWindowQuery(
        source: source, timestampColumn: monitor.target.timestampColumn
      )
      .check(features: features, kinds: kinds)
    } catch {
      throw SourceError("monitor '\(monitor.name)': \(error.message)")
    }
  }
}
