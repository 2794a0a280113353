/// What the window's one multiple-testing family is made of (``DriftSettings/family``).
public enum WindowFamily: String, Sendable, Codable, CaseIterable {
  /// One member per test p-value: every test on every feature corrected together (the default).
  case tests
  /// One member per feature: each feature's test p-values combined by the Cauchy combination
  /// test (``PValueCombination/cauchy``), then the features corrected together.
  case features
  /// One member per feature, combined by Simes' test (for study; valid under positive
  /// dependence).
  case featuresSimes = "features-simes"
  /// One member per feature, combined by Bonferroni within the feature (for study).
  case featuresBonferroni = "features-bonferroni"

  /// How a feature's p-values become its one member; nil for ``tests``.
  ///
  /// A test then decides drift when its feature's corrected p-value passes the test's level
  /// and its own p-value does too; its reported corrected p-value is the larger of the two.
  public var combination: PValueCombination? {
    switch self {
    case .tests: nil
    case .features: .cauchy
    case .featuresSimes: .simes
    case .featuresBonferroni: .bonferroni
    }
  }
}
