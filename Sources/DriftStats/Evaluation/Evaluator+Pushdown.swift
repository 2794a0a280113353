extension Evaluator {
  /// Runs the configured tests on every profiled feature of a push-down window and decides drift.
  ///
  /// The same correction and decision rule as ``evaluate(profile:target:settings:)``; every test
  /// result carries its ``Exactness``. The drift magnitude and reconstruction drift are computed
  /// on `sample`, a deterministic sample of the window's rows, when one is given.
  ///
  /// - Parameters:
  ///   - profile: The baseline, profiled once.
  ///   - aggregates: One aggregate per profiled feature, computed on ``PushdownGrid`` edges of
  ///     `gridSize`.
  ///   - targetRows: Rows in the window.
  ///   - settings: Tests, thresholds and corrections.
  ///   - gridSize: The grid size the aggregates were counted on.
  ///   - sample: At most `settings.multivariate.maxRows` of the window's rows (every profiled
  ///     feature), or nil.
  /// - Throws: ``StatsError`` when a profiled feature has no aggregate or one of the other kind.
  public static func evaluate(
    profile: BaselineProfile, aggregates: [FeatureAggregate], targetRows: Int,
    settings: DriftSettings, gridSize: Int = PushdownGrid.defaultSize, sample: Table? = nil
  ) throws(StatsError) -> DriftReport {
    var results = [FeatureResult]()
    for feature in profile.features {
      guard let aggregate = aggregates.first(where: { $0.name == feature.name }) else {
        throw StatsError(
          "feature '\(feature.name)' is in the baseline but the window returned no aggregate "
            + "for it; add the column to the target or leave the feature out")
      }
      results.append(
        try PushdownEvaluation.run(feature, aggregate, settings: settings, gridSize: gridSize))
    }
    let columns = sample.map { table in
      profile.features.compactMap { table.column(named: $0.name) }
    }
    let multivariate = settings.multivariate.enabled ? profile.multivariate : nil
    let rows = multivariate.flatMap { multivariate in
      columns.flatMap { columns in
        columns.count == profile.features.count
          ? MultivariateEvaluation.TargetSample(
            profile: multivariate, columns: columns, settings: settings.multivariate) : nil
      }
    }
    return conclude(
      results, profile: profile, targetRows: targetRows, settings: settings, sample: rows,
      missingColumns: "the push-down window's row sample was not read")
  }
}
