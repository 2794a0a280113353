/// Which tests run on which features, and how their results become drift verdicts.
public struct DriftSettings: Sendable, Equatable {
  /// Tests run on numeric features, in report order.
  public var numericTests: [DriftTest]
  /// Tests run on categorical and boolean features, in report order.
  public var categoricalTests: [DriftTest]
  /// Thresholds per test; a test missing here uses ``Threshold/defaultThreshold(for:)``.
  public var thresholds: [DriftTest: Threshold]
  /// Per-feature overrides of ``thresholds``, keyed by feature name.
  public var featureThresholds: [String: [DriftTest: Threshold]]
  /// Correction of p-values across every test on every feature of one comparison (one family).
  public var correction: MultipleTesting.Correction
  /// What the family corrected by ``correction`` is made of: every test's p-value (the default),
  /// or one combined p-value per feature (docs/deciding-drift.md measures both).
  public var family: WindowFamily = .tests
  /// Weights of the tests in the window family (weighted Benjamini-Hochberg or Bonferroni,
  /// ``MultipleTesting/adjust(_:weights:method:)``), by test name. The default is
  /// ``defaultTestWeights`` (docs/deciding-drift.md, "The window family's weights"); `test_weights:` and
  /// `--test-weight` change single entries, `test_weights: equal` (`--test-weight equal`) empties
  /// the table. Empty means every member weighs 1, the plain correction. A test missing from a
  /// non-empty table weighs 1. The weights are renormalised to average 1 over the window's actual
  /// members; a p-value that several hypothesis tests report weighs the sum of their weights.
  /// Fixed per test name, never chosen from the window's data (that would break the level).
  public var testWeights: [DriftTest: Double] = Self.defaultTestWeights
  /// Smallest effect size for which a significant p-value counts as drift (0 disables).
  ///
  /// The effect of numeric tests is the Kolmogorov-Smirnov distance D, of categorical tests the
  /// total variation distance, of `missing_rate` the change in missing share: all are shares of
  /// probability mass in [0, 1], so one number fits every feature.
  ///
  /// The default, ``defaultMinimumEffect``, keeps a significant but negligible change on a large
  /// window (a 0.01 standard-deviation shift on a million rows) from counting as drift.
  public var minimumEffect: Double
  /// Share of drifted features at or above which the whole data set counts as drifted.
  public var driftShare: Double
  /// The data-set-wide measures (drift magnitude, reconstruction error). They are reported beside
  /// the per-feature verdicts and do not change them or ``DatasetResult/drifted``.
  public var multivariate: MultivariateSettings
  /// Calibrated thresholds: which tests derive their threshold from the baseline, and how.
  public var calibration: CalibrationSettings

  /// The default smallest effect: 2 percentage points of probability mass (KS distance D, total
  /// variation distance, or change in missing share).
  public static let defaultMinimumEffect = 0.02

  /// The measured "location first" weighting (docs/deciding-drift.md, "The window family's
  /// weights"; not the default): the budget goes to `welch_t` (a mean shift), the categorical
  /// omnibus tests (`chisquare`, `frequency_order`; with two categories they are one test and
  /// pool both weights) and `missing_rate`; `ks`, `fligner` and the decile chi-square of numeric
  /// `psi` keep a small share. It lifts every reachable 300-row cell of the study past 50 % but
  /// costs a change that only the shape tests see (a split into two modes with the same mean
  /// and spread) about 27-36 points at 300-1,000 rows (`scripts/quiet/shape_price.py`), so it
  /// is offered, not imposed: `test_weights:` with these values turns it on.
  public static let locationFirstTestWeights: [DriftTest: Double] = [
    .welchT: 2.5, .ks: 0.1, .fligner: 0.15, .psi: 0.05, .missingRate: 1.3, .chisquare: 2.0,
    .frequencyOrder: 1.5,
  ]

  /// The default weights of the window family (issue #13; docs/deciding-drift.md, "The window
  /// family's weights"), chosen against the quiet study: every reachable 300-row cell at 52 % or
  /// more, no 1,000-row cell below 90 % that had it, every stable cell at 2 % or less, and among
  /// the tables that pass nearly the most power on a change only the shape tests see (two modes
  /// with the baseline's mean and standard deviation: 44 % of 1,000-row windows; 46 % if
  /// `fligner` gave `ks` another 0.15, which would leave it an eighth of a share). `welch_t` gets the budget a +0.2 sd mean shift at
  /// 300 rows needs, `chisquare` + `frequency_order` what one two-category p-value needs, `ks`
  /// nearly a full share (it finds changes of shape), `fligner` less (the scale cells have
  /// slack), the decile chi-square of numeric `psi` almost nothing (it only gates a distance
  /// that `ks` covers).
  public static let defaultTestWeights: [DriftTest: Double] = [
    .welchT: 1.9, .ks: 0.9, .fligner: 0.3, .psi: 0.02, .missingRate: 1.05, .chisquare: 1.25,
    .frequencyOrder: 1.25,
  ]

  /// The weight of `test` in the window family (``testWeights``, 1 when not listed).
  public func weight(of test: DriftTest) -> Double {
    testWeights[test] ?? 1
  }

  /// The default tests per feature type.
  ///
  /// `welch_t` (a mean shift) and `fligner` (a change of spread) joined `ks` with issue #13: on
  /// 300-row windows they find a +0.2 sd mean shift about twice as often as KS alone and a 30 %
  /// wider spread in 86-100 % of windows instead of 7-14 % (docs/decision-rule-table.md).
  public static let defaultNumericTests: [DriftTest] = [
    .ks, .welchT, .fligner, .psi, .missingRate,
  ]
  /// The default tests for categorical and boolean features.
  ///
  /// `frequency_order` (mass moved between the frequent and the rare categories) joined the
  /// pooled chi-square after issue #13: on 300-row windows of Zipf-shared features it finds 10 %
  /// of mass moved from the frequent half to the rare half about twice as often
  /// (docs/deciding-drift.md).
  public static let defaultCategoricalTests: [DriftTest] = [
    .chisquare, .frequencyOrder, .jensenshannon, .psi, .missingRate,
  ]

  /// Creates settings; every parameter has the documented default.
  public init(
    numericTests: [DriftTest] = DriftSettings.defaultNumericTests,
    categoricalTests: [DriftTest] = DriftSettings.defaultCategoricalTests,
    thresholds: [DriftTest: Threshold] = [:],
    featureThresholds: [String: [DriftTest: Threshold]] = [:],
    correction: MultipleTesting.Correction = .bh,
    minimumEffect: Double = DriftSettings.defaultMinimumEffect,
    driftShare: Double = 0.5,
    multivariate: MultivariateSettings = MultivariateSettings(),
    calibration: CalibrationSettings = CalibrationSettings()
  ) {
    self.numericTests = numericTests
    self.categoricalTests = categoricalTests
    self.thresholds = thresholds
    self.featureThresholds = featureThresholds
    self.correction = correction
    self.minimumEffect = minimumEffect
    self.driftShare = driftShare
    self.multivariate = multivariate
    self.calibration = calibration
  }

  /// The tests that run on a feature of the given kind.
  public func tests(for kind: ColumnKind) -> [DriftTest] {
    switch kind {
    case .numeric: numericTests.filter(\.appliesToNumeric)
    case .categorical, .boolean: categoricalTests.filter(\.appliesToCategorical)
    case .timestamp: []
    }
  }

  /// The threshold that decides `test` on `feature`, or `nil` when none is set.
  public func threshold(for test: DriftTest, feature: String) -> Threshold? {
    featureThresholds[feature]?[test] ?? thresholds[test] ?? Threshold.defaultThreshold(for: test)
  }
}
