import DriftConfig

extension Configuration {
  /// Every PostgreSQL source of the monitors (targets and baselines), for their pools.
  var postgresSources: [PostgresSource] {
    monitors.flatMap { monitor -> [PostgresSource] in
      var sources: [PostgresSource] = []
      if case .postgres(let source) = monitor.target.kind { sources.append(source) }
      if let baseline = monitor.baseline.postgres { sources.append(baseline.source) }
      return sources
    }
  }
}
