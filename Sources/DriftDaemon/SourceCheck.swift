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
    // Push-down's statement carries the baseline profile's grid edges and categories.
    var profile: BaselineProfile?
    if let baseline = try postgresBaseline(monitor) {
      // The features the baseline's columns give, without reading its rows.
      let chosen = baseline.columns.filter { $0.feature != nil }
      features = chosen.map(\.name)
      kinds = Dictionary(
        uniqueKeysWithValues: chosen.compactMap { c in c.feature.map { (c.name, $0) } })
      if source.mode == .pushdown {
        // Only push-down needs the profile: read the database baseline in full for it.
        profile = try BaselineLoader.profile(BaselineLoader.readPostgres(monitor), monitor: monitor)
      }
    } else {
      let fileProfile = try BaselineLoader.profileFromFile(monitor)
      features = fileProfile.features.map(\.name)
      kinds = Dictionary(uniqueKeysWithValues: fileProfile.features.map { ($0.name, $0.kind) })
      profile = fileProfile
    }
    do {
      let query = PostgresWindowQuery(
        source: source, timestampColumn: monitor.target.timestampColumn)
      guard source.mode == .pushdown, let profile else {
        return try query.check(features: features, kinds: kinds)
      }
      // Push-down: the window SELECT (with the partition key) wrapped in the aggregation.
      let pushdown = PushdownQuery(window: query)
      let plans = PushdownFeature.plans(
        for: profile, grid: source.pushdown.grid, maxCategories: source.pushdown.maxCategories)
      var report = try query.check(features: pushdown.columns(plans), kinds: kinds)
      if report.statements.count == 4 {
        let window = report.statements[2]
        let materialized: Bool
        switch source.relation {
        case .table: materialized = false
        case .query: materialized = true
        }
        let numeric = plans.enumerated().compactMap { index, plan in
          if case .numeric = plan.plan { (index: index, name: plan.name) } else { nil }
        }
        if !numeric.isEmpty {
          report.statements.insert(
            "-- only for the numeric features whose grid cells show at most grid: distinct "
              + "values (here: all of them)\n"
              + PushdownDistinct.sql(
                windowSQL: window, features: numeric,
                limit: PushdownDistinct.limit(
                  grid: source.pushdown.grid, partitioned: source.pushdown.partitionKey != nil),
                partitionKey: source.pushdown.partitionKey, materialized: materialized), at: 3)
        }
        if monitor.settings.multivariate.enabled {
          report.statements.insert(
            "-- $3: the seed (text); the row sample for the drift magnitude\n"
              + PushdownQuery.sampleSQL(
                windowSQL: window, rows: monitor.settings.multivariate.maxRows), at: 3)
        }
        // The push-down transaction: one snapshot for every statement (and connection).
        report.statements[0] = PushdownQuery.beginStatement
        report.statements[1] = ([report.statements[1]] + PushdownQuery.settingStatements)
          .joined(separator: ";\n  ")
        if source.pushdown.parallel > 1 {
          report.statements[1] +=
            ";\n  -- parallel: \(source.pushdown.parallel): SELECT pg_export_snapshot(); the "
            + "other connections BEGIN the same way and SET TRANSACTION SNAPSHOT '<it>' first, "
            + "then each sends the statement below for its share of the features"
        }
        report.statements[2] =
          "-- $3 ... $\(2 + plans.count): each feature's grid edges (float8[]) or baseline "
          + "categories (text[]), in feature order\n"
          + PushdownStatement.sql(
            windowSQL: window, features: plans,
            partitionKey: source.pushdown.partitionKey, materialized: materialized)
      }
      return report
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
