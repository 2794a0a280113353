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
        "monitor '\(monitor.name)' reads its windows from files or SQLite, not a PostgreSQL "
          + "source; 'config check' validates those")
    }
    let features: [String]
    let kinds: [String: ColumnKind]
    if let baseline = try postgresBaseline(monitor) {
      // The features the baseline's columns give, without reading its rows.
      let chosen = baseline.columns.filter { $0.feature != nil }
      features = chosen.map(\.name)
      kinds = Dictionary(
        uniqueKeysWithValues: chosen.compactMap { c in c.feature.map { (c.name, $0) } })
    } else {
      let profile = try BaselineLoader.profileFromFile(monitor)
      features = profile.features.map(\.name)
      kinds = Dictionary(uniqueKeysWithValues: profile.features.map { ($0.name, $0.kind) })
    }
    do {
      return try PostgresWindowQuery(
        source: source, timestampColumn: monitor.target.timestampColumn
      )
      .check(features: features, kinds: kinds)
    } catch {
      throw SourceError("monitor '\(monitor.name)': \(error.message)")
    }
  }

  /// Runs the monitor's `baseline: { postgres: }` query with `LIMIT 0`: its columns and the
  /// features they give; nil when the baseline is a file.
  ///
  /// - Throws: ``SourceError`` when the server cannot be reached or refuses the query.
  public static func postgresBaseline(_ monitor: MonitorConfiguration) throws(SourceError)
    -> PostgresSourceCheck?
  {
    guard let baseline = monitor.baseline.postgres else { return nil }
    do {
      return try PostgresBaselineQuery(
        baseline: baseline, timestampColumn: monitor.target.timestampColumn
      ).check(
        columns: monitor.features.include.map(Set.init),
        exclude: Set(monitor.features.exclude + [monitor.target.timestampColumn]),
        kinds: monitor.features.types)
    } catch {
      throw SourceError("monitor '\(monitor.name)': baseline: \(error.message)")
    }
  }
}
