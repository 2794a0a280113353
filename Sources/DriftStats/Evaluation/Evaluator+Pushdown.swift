extension Evaluator {
  /// Runs the configured tests on every profiled feature of a push-down window and decides drift.
  ///
  /// The same correction and decision rule as ``evaluate(profile:target:settings:)``; every test
  /// result carries its ``Exactness``. The drift magnitude is not computed here (it needs rows:
  /// the caller evaluates it on the window's sample).
  ///
  /// - Parameters:
  ///   - profile: The baseline, profiled once.
  ///   - aggregates: One aggregate per profiled feature, computed on ``PushdownGrid`` edges of
  ///     `gridSize`.
  ///   - targetRows: Rows in the window.
  ///   - settings: Tests, thresholds and corrections.
  ///   - gridSize: The grid size the aggregates were counted on.
  /// - Throws: ``StatsError`` when a profiled feature has no aggregate or one of the other kind.
  public static func evaluate(
    profile: BaselineProfile, aggregates: [FeatureAggregate], targetRows: Int,
    settings: DriftSettings, gridSize: Int = PushdownGrid.defaultSize
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
    applyCorrection(&results, settings: settings)
    decide(&results, settings: settings, calibration: profile.calibration)
    var dataset = DatasetResult(features: results, driftShareThreshold: settings.driftShare)
    if settings.multivariate.enabled {
      dataset.multivariateNote = "push-down windows compute no multivariate measure yet"
    }
    return DriftReport(
      baselineRows: profile.rowCount, targetRows: targetRows, features: results, dataset: dataset)
  }
}
