/// Compares a target table with a baseline profile: every feature, every configured test.
public enum Evaluator {
  /// Runs the configured tests on every profiled feature and decides drift.
  ///
  /// Features are evaluated in parallel; results do not depend on the number of threads.
  /// With ``DriftSettings/multivariate`` enabled and a profile that holds a multivariate sample,
  /// the data set's drift magnitude, reconstruction drift and the features' contributions are
  /// filled in too (``MultivariateEvaluation``); they do not change any verdict.
  /// A test that cannot be computed for a feature (an empty side, say) is reported with its error
  /// and does not stop the other tests or features.
  ///
  /// - Parameters:
  ///   - profile: The baseline, profiled once.
  ///   - target: The target data, read with the baseline's column kinds.
  ///   - settings: Tests, thresholds and corrections.
  /// - Throws: ``StatsError`` when a profiled feature is missing from the target or has another
  ///   kind there.
  public static func evaluate(
    profile: BaselineProfile, target: Table, settings: DriftSettings
  ) throws(StatsError) -> DriftReport {
    // The caller keeps its reference to every column: each sort copies its column first.
    try evaluate(profile: profile, taking: copy target, settings: settings)
  }

  /// Runs the configured tests on every profiled feature of a target table that the evaluation
  /// takes over, and decides drift: the same report as ``evaluate(profile:target:settings:)``,
  /// bit for bit, with each numeric column sorted in its own array instead of into a second
  /// array of its size (the rows the multivariate measures use are gathered first). Hand over
  /// the only reference (`consume`); a table still held elsewhere is copied on write, never
  /// changed.
  ///
  /// - Parameters:
  ///   - profile: The baseline, profiled once.
  ///   - target: The target data, read with the baseline's column kinds; taken over.
  ///   - settings: Tests, thresholds and corrections.
  /// - Throws: ``StatsError`` when a profiled feature is missing from the target or has another
  ///   kind there.
  public static func evaluate(
    profile: BaselineProfile, taking target: consuming Table, settings: DriftSettings
  ) throws(StatsError) -> DriftReport {
    let targetRows = target.rowCount
    let columns = try columns(of: target, for: profile)
    // The table's references to its columns end here, so `columns` holds the only ones.
    _ = consume target
    // The multivariate measures' rows, in file order, before any column is sorted.
    var sample: MultivariateEvaluation.TargetSample?
    if settings.multivariate.enabled, let multivariate = profile.multivariate {
      sample = MultivariateEvaluation.TargetSample(
        profile: multivariate, columns: columns, settings: settings.multivariate)
    }
    let inputs = zip(profile.features, columns).map {
      FeatureInput(profile: $0.0, column: $0.1)
    }
    _ = consume columns
    // fligner's score tables, shared by the features and dropped once they are tested (before
    // the multivariate measures, whose peak memory would add to the tables').
    let results: [FeatureResult]
    do {
      let scores = FlignerScoreCache()
      results = Parallel.map(taking: consume inputs) { input in
        FeatureEvaluation.run(taking: &input, settings: settings, scores: scores)
      }
    }
    return conclude(
      results, profile: profile, targetRows: targetRows, settings: settings, sample: sample,
      missingColumns: "")
  }

  /// The target's column of every profiled feature, in profile order.
  ///
  /// - Throws: ``StatsError`` when a profiled feature is missing from the target or has another
  ///   kind there.
  private static func columns(of target: borrowing Table, for profile: BaselineProfile)
    throws(StatsError) -> [Column]
  {
    var columns = [Column]()
    for feature in profile.features {
      guard let column = target.column(named: feature.name) else {
        throw StatsError(
          "feature '\(feature.name)' is in the baseline but not in the target; "
            + "add the column to the target or leave the feature out")
      }
      guard column.kind == feature.kind else {
        throw StatsError(
          "feature '\(feature.name)' is \(feature.kind.rawValue) in the baseline but "
            + "\(column.kind.rawValue) in the target; read the target with the baseline's types")
      }
      columns.append(column)
    }
    return columns
  }

  /// The steps every evaluation shares once each feature is tested: the family's correction, the
  /// decision, the data-set verdict and the multivariate measures on `sample` (the target's
  /// sampled rows; nil, with `missingColumns` as the note, when the window's rows were not
  /// read).
  static func conclude(
    _ features: [FeatureResult], profile: BaselineProfile, targetRows: Int,
    settings: DriftSettings, sample: MultivariateEvaluation.TargetSample?, missingColumns: String
  ) -> DriftReport {
    var results = features
    applyCorrection(&results, settings: settings)
    decide(&results, settings: settings, calibration: profile.calibration)
    var dataset = DatasetResult(features: results, driftShareThreshold: settings.driftShare)
    if settings.multivariate.enabled {
      if let multivariate = profile.multivariate, let sample {
        let outcome = MultivariateEvaluation.run(
          profile: multivariate, sample: sample, settings: settings.multivariate)
        dataset.magnitude = outcome.magnitude
        dataset.reconstruction = outcome.reconstruction
        dataset.multivariateNote = outcome.note
        if let contributions = outcome.contributions {
          for index in results.indices { results[index].contribution = contributions[index] }
        }
      } else {
        dataset.multivariateNote =
          profile.multivariate == nil
          ? "the baseline profile holds no multivariate sample (built with multivariate off)"
          : missingColumns
      }
    }
    return DriftReport(
      baselineRows: profile.rowCount, targetRows: targetRows, features: results, dataset: dataset)
  }

  /// Adjusts every p-value of the comparison as one family: all tests on all features.
  ///
  /// A window counts as drifted when any test on any feature decides drift, so the false-alarm
  /// rate that matters is the family's, not each test's: correcting each test across features
  /// alone (as driftwatch did before) lets four or five families of 1 % add up.
  static func applyCorrection(_ results: inout [FeatureResult], settings: DriftSettings) {
    // One member per feature and p-value: the distances on a feature share the p-value of the
    // chi-square test of their counts (bit for bit, being the same computation), and one test
    // counted three times would triple its weight in the family.
    // A member's weight: the sum of the weights of the hypothesis tests that report its p-value
    // (with two categories `chisquare` and `frequency_order` are one test, and it keeps both
    // budgets); a distance borrows its p-value (the noise check) and adds no weight, unless only
    // distances report it, which then weighs as the heaviest of them.
    var members = [(feature: Int, pValue: Double, tests: Double, distances: Double)]()
    var memberOf = [[Int?]]()
    for (featureIndex, feature) in results.enumerated() {
      var seen = [UInt64: Int]()
      let noMissing = feature.hasNoMissingValues
      memberOf.append(
        feature.tests.map { result in
          guard let p = result.pValue else { return nil }
          // A test that cannot reject, whatever the data, given its margins (missing_rate with
          // no missing value on either side: p = 1 always) is left out of the family (Tarone,
          // 1990): it would only raise every other test's bar. Its p-value stays 1.
          if result.test == .missingRate && noMissing { return nil }
          let weight = settings.weight(of: result.test)
          let test = result.test.hasPValue ? weight : 0
          let distance = result.test.hasPValue ? 0 : weight
          if let member = seen[p.bitPattern] {
            members[member].tests += test
            members[member].distances = max(members[member].distances, distance)
            return member
          }
          members.append((featureIndex, p, test, distance))
          seen[p.bitPattern] = members.count - 1
          return members.count - 1
        })
    }
    let adjusted: [Double]
    if let combination = settings.family.combination {
      // One member per feature: its tests' p-values combined, then the features corrected. A
      // member test's corrected p-value is the larger of its feature's and its own, so that it
      // decides drift only when both the feature and the test itself pass the test's level.
      // Each feature's p-values, in member order, gathered in one pass over the members.
      var own = [[Double]](repeating: [], count: results.count)
      for member in members { own[member.feature].append(member.pValue) }
      let combined = own.map { $0.isEmpty ? nil : combination.combine($0) }
      let present = combined.compactMap { $0 }
      let corrected = MultipleTesting.adjust(present, method: settings.correction)
      var byFeature = [Double?](repeating: nil, count: results.count)
      var next = 0
      for featureIndex in results.indices where combined[featureIndex] != nil {
        byFeature[featureIndex] = corrected[next]
        next += 1
      }
      adjusted = members.map { member in max(byFeature[member.feature] ?? 1, member.pValue) }
    } else {
      adjusted = MultipleTesting.adjust(
        members.map(\.pValue),
        weights: settings.testWeights.isEmpty
          ? nil : members.map { $0.tests > 0 ? $0.tests : $0.distances },
        method: settings.correction)
    }
    for featureIndex in results.indices {
      for testIndex in results[featureIndex].tests.indices {
        if let member = memberOf[featureIndex][testIndex] {
          results[featureIndex].tests[testIndex].adjustedPValue = adjusted[member]
        }
      }
    }
  }

  /// Sets each test's verdict from its threshold, corrected p-value and effect size.
  ///
  /// `compare`, `run-once`, `backfill` and the daemon all reach verdicts here: one decision rule.
  ///
  /// A calibrated test whose band could be computed is decided by the band alone (its p-value is
  /// still reported); otherwise its fixed threshold decides.
  static func decide(
    _ results: inout [FeatureResult], settings: DriftSettings,
    calibration: BaselineCalibration? = nil
  ) {
    for featureIndex in results.indices {
      let name = results[featureIndex].name
      for testIndex in results[featureIndex].tests.indices {
        var result = results[featureIndex].tests[testIndex]
        var threshold = settings.threshold(for: result.test, feature: name)
        if let sigma = settings.calibrationSigma(for: result.test, feature: name),
          let band = calibration?.entry(feature: name, test: result.test)?.band(sigma: sigma)
        {
          threshold = Threshold(calibrated: band)
        }
        result.threshold = threshold
        if let threshold, let statistic = result.statistic {
          let bySize =
            threshold.statisticSignalsDrift(statistic)
            && threshold.noiseAgrees(result.adjustedPValue)
          let effectLargeEnough = (result.effect ?? 1) >= settings.minimumEffect
          let byPValue = threshold.pValueSignalsDrift(result.adjustedPValue) && effectLargeEnough
          result.drifted = bySize || byPValue
        } else {
          result.drifted = false
        }
        results[featureIndex].tests[testIndex] = result
      }
    }
  }
}

extension FeatureResult {
  /// Whether neither side holds a missing value (then `missing_rate` cannot detect anything).
  var hasNoMissingValues: Bool {
    [baseline, target].allSatisfy { side in
      switch side {
      case .numeric(let summary): summary.missing == 0
      case .categorical(let summary): summary.missing == 0
      }
    }
  }
}

/// One feature's baseline profile and target column, handed to a worker.
struct FeatureInput: Sendable {
  var profile: FeatureProfile
  var column: Column
}
