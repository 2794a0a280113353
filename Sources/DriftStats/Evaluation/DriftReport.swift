/// The result of comparing one target data set (a file or a window) with a baseline profile.
public struct DriftReport: Sendable {
  /// Rows in the baseline.
  public var baselineRows: Int
  /// Rows in the target.
  public var targetRows: Int
  /// One result per compared feature, in baseline order.
  public var features: [FeatureResult]
  /// The verdict over all features.
  public var dataset: DatasetResult
}

/// The verdict over all features of a comparison.
public struct DatasetResult: Sendable, Equatable {
  /// Features compared.
  public var features: Int
  /// Features with at least one drifted test.
  public var driftedFeatures: Int
  /// `driftedFeatures / features` (0 when no feature was compared).
  public var driftedShare: Double
  /// The share at or above which the data set counts as drifted.
  public var driftShareThreshold: Double
  /// Whether at least one feature drifted and `driftedShare >= driftShareThreshold`.
  public var drifted: Bool
  /// Drift of the joint distribution measured by a domain classifier (baseline rows against
  /// target rows); `nil` when it was not computed (turned off, or too few rows on a side).
  public var magnitude: DriftMagnitude?
  /// Drift measured by the error of reconstructing target rows from the baseline's principal
  /// components; `nil` when it was not computed.
  public var reconstruction: ReconstructionDrift?
  /// Why ``magnitude`` or ``reconstruction`` is `nil` although the measures are turned on.
  public var multivariateNote: String?

  /// Derives the verdict from per-feature results.
  public init(features: [FeatureResult], driftShareThreshold: Double) {
    self.features = features.count
    self.driftedFeatures = features.filter(\.drifted).count
    self.driftedShare = features.isEmpty ? 0 : Double(driftedFeatures) / Double(features.count)
    self.driftShareThreshold = driftShareThreshold
    self.drifted = driftedFeatures > 0 && driftedShare >= driftShareThreshold
    self.magnitude = nil
    self.reconstruction = nil
    self.multivariateNote = nil
  }
}

/// How well a classifier tells baseline rows from target rows: 0 % when they are
/// indistinguishable, 100 % when every row is told apart.
public struct DriftMagnitude: Sendable, Equatable {
  /// `max(0, mcc) * 100`, in percent.
  public var magnitude: Double
  /// ROC AUC of the classifier on the held-out rows.
  public var auc: Double
  /// Matthews correlation coefficient of the classifier on the held-out rows.
  public var mcc: Double
  /// Baseline rows used (after the sampling cap).
  public var baselineRows: Int
  /// Target rows used (after the sampling cap).
  public var targetRows: Int

  /// Creates a result.
  public init(magnitude: Double, auc: Double, mcc: Double, baselineRows: Int, targetRows: Int) {
    self.magnitude = magnitude
    self.auc = auc
    self.mcc = mcc
    self.baselineRows = baselineRows
    self.targetRows = targetRows
  }
}

/// The target's mean reconstruction error from the baseline's principal components, against the
/// spread of the same error over baseline chunks.
public struct ReconstructionDrift: Sendable, Equatable {
  /// Mean reconstruction error of the target rows.
  public var error: Double
  /// Mean of the error over baseline chunks.
  public var baselineMean: Double
  /// Standard deviation of the error over baseline chunks.
  public var baselineStd: Double
  /// Lower bound of the quiet band.
  public var lower: Double
  /// Upper bound of the quiet band.
  public var upper: Double
  /// Principal components kept.
  public var components: Int
  /// Whether `error` lies outside `[lower, upper]`.
  public var drifted: Bool

  /// Creates a result.
  public init(
    error: Double, baselineMean: Double, baselineStd: Double, lower: Double, upper: Double,
    components: Int, drifted: Bool
  ) {
    self.error = error
    self.baselineMean = baselineMean
    self.baselineStd = baselineStd
    self.lower = lower
    self.upper = upper
    self.components = components
    self.drifted = drifted
  }
}

/// The comparison of one feature: summaries of both sides and every test's result.
public struct FeatureResult: Sendable {
  /// Feature name.
  public var name: String
  /// Feature kind.
  public var kind: ColumnKind
  /// Summary of the baseline side.
  public var baseline: SideSummary
  /// Summary of the target side.
  public var target: SideSummary
  /// Share of the target's values outside the baseline: numeric values below the baseline minimum
  /// or above its maximum, or categories the baseline never had.
  public var outsideBaselineShare: Double
  /// One result per test run on this feature.
  public var tests: [TestResult]
  /// This feature's share of the drift magnitude, in percent (the features' shares sum to 100);
  /// `nil` when no magnitude was computed.
  public var contribution: Double?
  /// Both sides' counts on the baseline's bins (numeric) or top categories (categorical), for
  /// pictures; `nil` when the baseline has no bins (no finite value).
  public var distribution: BinnedDistribution?

  /// Whether any test on this feature signalled drift.
  public var drifted: Bool { tests.contains(where: \.drifted) }
}

/// Summary statistics of one side of a feature.
public enum SideSummary: Sendable, Equatable {
  /// Count, missing, moments and quantiles.
  case numeric(NumericSummary)
  /// Count, missing, distinct values and the most frequent categories.
  case categorical(CategoricalSummary)
}

/// The result of one test on one feature.
public struct TestResult: Sendable, Equatable {
  /// Which test.
  public var test: DriftTest
  /// The statistic or distance; `nil` when the test could not be computed (see ``error``).
  public var statistic: Double?
  /// The raw p-value of a hypothesis test.
  public var pValue: Double?
  /// The p-value after the multiple-testing correction; the verdict uses this one.
  public var adjustedPValue: Double?
  /// The threshold that decided the verdict, `nil` when none applies.
  public var threshold: Threshold?
  /// The effect size gated by ``DriftSettings/minimumEffect`` (hypothesis tests only).
  public var effect: Double?
  /// Whether this test signals drift.
  public var drifted: Bool
  /// Why the test could not be computed, if it could not.
  public var error: String?
  /// How exactly a push-down window's result was computed; `nil` (exact) for every other window.
  public var exactness: Exactness? = nil
}
