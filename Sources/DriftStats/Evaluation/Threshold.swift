/// When a test's result counts as drift: a p-value below `pValue`, or a statistic above
/// `statistic` (either one suffices when both are set), or, for a calibrated threshold, a
/// statistic outside the band derived from the baseline (`calibrated`).
///
/// A default distance threshold also sets `beyondNoise`: the distance then counts only when the
/// (corrected) p-value of the same counts is below that level too, so that a distance which
/// sampling noise alone pushes past its bound on a small window is not drift.
public struct Threshold: Sendable, Equatable, Codable {
  /// Drift when the (corrected) p-value is below this level.
  public var pValue: Double?
  /// Drift when the statistic or distance is above this value.
  public var statistic: Double?
  /// Drift when the statistic lies outside this band, calibrated on the baseline; a calibrated
  /// threshold sets neither `pValue` nor `statistic`.
  public var calibrated: CalibratedBand?
  /// When set, a statistic past `statistic` counts only if the result's corrected p-value (for a
  /// distance: the pooled chi-square test of the same counts, or the Kolmogorov-Smirnov test of
  /// the same samples) is below this level: the distance must lie beyond sampling noise.
  public var beyondNoise: Double?

  /// Creates a threshold; at least one bound should be set for it to decide anything.
  public init(
    pValue: Double? = nil, statistic: Double? = nil, calibrated: CalibratedBand? = nil,
    beyondNoise: Double? = nil
  ) {
    self.pValue = pValue
    self.statistic = statistic
    self.calibrated = calibrated
    self.beyondNoise = beyondNoise
  }

  /// Whether the threshold can decide drift at all.
  public var isEmpty: Bool { pValue == nil && statistic == nil && calibrated == nil }

  /// Whether a p-value below the bound signals drift.
  public func pValueSignalsDrift(_ p: Double?) -> Bool {
    guard let bound = pValue, let p else { return false }
    return p < bound
  }

  /// Whether a statistic above the bound, or outside the calibrated band, signals drift.
  public func statisticSignalsDrift(_ value: Double) -> Bool {
    if let calibrated, calibrated.signalsDrift(value) { return true }
    guard let bound = statistic else { return false }
    return value > bound
  }

  /// Whether a statistic past its bound also lies beyond sampling noise: always, unless
  /// ``beyondNoise`` is set; then the corrected p-value must be below it.
  public func noiseAgrees(_ adjustedPValue: Double?) -> Bool {
    guard let level = beyondNoise else { return true }
    guard let adjustedPValue else { return false }
    return adjustedPValue < level
  }

  /// A short human-readable form, e.g. `p<0.01`, `>0.2`, `>0.1&p<0.01` or `cal>0.083`.
  public var summary: String {
    var parts = [String]()
    if let calibrated { parts.append(calibrated.summary) }
    if let pValue { parts.append("p<\(Self.short(pValue))") }
    if let statistic {
      let noise = beyondNoise.map { "&p<\(Self.short($0))" } ?? ""
      parts.append(">\(Self.short(statistic))\(noise)")
    }
    return parts.isEmpty ? "-" : parts.joined(separator: " or ")
  }

  /// `value` without a trailing `.0`.
  static func short(_ value: Double) -> String {
    var text = String(value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}

extension Threshold {
  /// The level below which a default distance's corrected p-value must fall (see ``beyondNoise``).
  public static let defaultNoiseLevel = 0.01

  /// The default threshold of each test, chosen so that a monitor stays quiet on noise.
  ///
  /// - Hypothesis tests: p < 0.01 after the multiple-testing correction (1 % false alarms per
  ///   family at most, where 5 % would page someone every few days on hourly windows).
  /// - `wasserstein_norm`, `jensenshannon`, `hellinger`, `kl`, `energy`: 0.1, the values Evidently
  ///   uses, so results are comparable with what users already know.
  /// - `psi`: 0.2, the long-standing credit-risk rule (below 0.1 stable, above 0.2 shifted).
  /// - `linf`, `tvd`: 0.1, ten percentage points of probability mass moved (NannyML's L-infinity
  ///   default).
  /// - `wasserstein`: none. It is in the feature's own units; give a threshold explicitly.
  ///
  /// Every default distance threshold also needs the distance to lie beyond sampling noise
  /// (``beyondNoise`` = ``defaultNoiseLevel``); a threshold the user sets does not, and keeps its
  /// plain meaning.
  public static func defaultThreshold(for test: DriftTest) -> Threshold? {
    switch test {
    case .ks, .anderson, .cvm, .mannwhitney, .welchT, .fligner, .chisquare, .gtest,
      .frequencyOrder, .missingRate:
      Threshold(pValue: 0.01)
    case .wassersteinNorm, .jensenshannon, .hellinger, .kl, .energy, .linf, .tvd:
      Threshold(statistic: 0.1, beyondNoise: defaultNoiseLevel)
    case .psi:
      Threshold(statistic: 0.2, beyondNoise: defaultNoiseLevel)
    case .wasserstein:
      nil
    }
  }
}
