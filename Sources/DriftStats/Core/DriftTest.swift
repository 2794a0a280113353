/// The statistical tests and distances driftwatch can run, by their fixed identifiers.
public enum DriftTest: String, Sendable, Codable, CaseIterable, Comparable {
  case ks
  case anderson
  case cvm
  case mannwhitney
  case welchT = "welch_t"
  case fligner
  case wasserstein
  case wassersteinNorm = "wasserstein_norm"
  case energy
  case psi
  case jensenshannon
  case hellinger
  case kl
  case chisquare
  case gtest
  case frequencyOrder = "frequency_order"
  case linf
  case tvd
  case missingRate = "missing_rate"

  /// Whether the test yields a p-value (a hypothesis test) rather than a distance.
  public var hasPValue: Bool {
    switch self {
    case .ks, .anderson, .cvm, .mannwhitney, .welchT, .fligner, .chisquare, .gtest,
      .frequencyOrder, .missingRate:
      true
    default: false
    }
  }

  /// Whether the test applies to numeric features.
  public var appliesToNumeric: Bool {
    switch self {
    case .chisquare, .gtest, .frequencyOrder, .linf, .tvd: false
    default: true
    }
  }

  /// Whether the test applies to categorical and boolean features.
  public var appliesToCategorical: Bool {
    switch self {
    case .chisquare, .gtest, .frequencyOrder, .psi, .jensenshannon, .hellinger, .kl, .linf, .tvd,
      .missingRate:
      true
    default: false
    }
  }

  public static func < (lhs: DriftTest, rhs: DriftTest) -> Bool {
    let order = DriftTest.allCases
    return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!  // every case is in allCases
  }
}
