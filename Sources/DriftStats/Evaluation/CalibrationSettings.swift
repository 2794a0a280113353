/// How calibrated thresholds are derived from the baseline, and which tests use them.
///
/// A calibrated threshold replaces a test's fixed threshold by the band mean ± `sigma` standard
/// deviations of that test's statistic between each baseline chunk of `chunkRows` rows and the
/// rest of the baseline (see ``BaselineCalibration``). When the baseline gives too few chunks the
/// fixed threshold applies, and the reason is reported.
public struct CalibrationSettings: Sendable, Equatable {
  /// The fewest chunks a band may be computed from.
  public static let minimumChunks = 5
  /// The default number of standard deviations from the mean.
  public static let defaultSigma = 3.0
  /// The default cap on the number of chunks.
  public static let defaultMaxChunks = 50

  /// Which tests the monitor-wide setting (`calibration.tests`) calibrates.
  public enum Selection: Sendable, Equatable {
    /// None: only tests turned on one by one (``perTest``, ``perFeature``) are calibrated.
    case none
    /// Every test that runs and can be calibrated.
    case all
    /// The listed tests.
    case tests([DriftTest])
  }

  /// Tests calibrated monitor-wide.
  public var selection: Selection
  /// Half-width of the band in standard deviations of the chunk statistics (k).
  public var sigma: Double
  /// Rows per chunk: the size of a typical window. `nil` means "not set"; the daemon requires it,
  /// `compare` uses the target's row count.
  public var chunkRows: Int?
  /// At most this many chunks, spread evenly over the baseline, bound the cost.
  public var maxChunks: Int
  /// Per-test choices written in `thresholds: { TEST: { calibrated: ... } }`.
  public var perTest: [DriftTest: CalibratedTest]
  /// Per-feature choices, keyed by feature name.
  public var perFeature: [String: [DriftTest: CalibratedTest]]

  /// Creates settings; the defaults calibrate nothing.
  public init(
    selection: Selection = .none, sigma: Double = CalibrationSettings.defaultSigma,
    chunkRows: Int? = nil, maxChunks: Int = CalibrationSettings.defaultMaxChunks,
    perTest: [DriftTest: CalibratedTest] = [:],
    perFeature: [String: [DriftTest: CalibratedTest]] = [:]
  ) {
    self.selection = selection
    self.sigma = sigma
    self.chunkRows = chunkRows
    self.maxChunks = maxChunks
    self.perTest = perTest
    self.perFeature = perFeature
  }

  /// Whether any test may be calibrated at all.
  public var isRequested: Bool {
    switch selection {
    case .none: break
    case .all: return true
    case .tests(let tests): if !tests.isEmpty { return true }
    }
    return perTest.values.contains(where: \.enabled)
      || perFeature.values.contains { $0.values.contains(where: \.enabled) }
  }
}

extension DriftTest {
  /// Whether the test's statistic can be calibrated on baseline chunks.
  ///
  /// `mannwhitney` cannot: its U statistic is centred on n·m/2, which depends on the size of the
  /// baseline side, so U between a chunk and the rest (n − m rows) does not estimate U between a
  /// window and the whole baseline (n rows).
  public var canBeCalibrated: Bool { self != .mannwhitney }

  /// Whether a calibrated band of this test has a lower bound: only the signed Welch t.
  public var hasTwoSidedBand: Bool { self == .welchT }
}

extension DriftSettings {
  /// The band half-width (k) with which `test` is calibrated on `feature`, or `nil` when the
  /// test keeps its fixed threshold there.
  ///
  /// The most specific choice wins: a per-feature `calibrated:` entry, then a per-feature fixed
  /// threshold (which keeps the test fixed on that feature), then a monitor-wide `calibrated:`
  /// entry, then `calibration.tests`.
  public func calibrationSigma(for test: DriftTest, feature: String) -> Double? {
    guard test.canBeCalibrated else { return nil }
    if let choice = calibration.perFeature[feature]?[test] {
      return choice.enabled ? choice.sigma ?? calibration.sigma : nil
    }
    if featureThresholds[feature]?[test] != nil { return nil }
    if let choice = calibration.perTest[test] {
      return choice.enabled ? choice.sigma ?? calibration.sigma : nil
    }
    switch calibration.selection {
    case .none: return nil
    case .all: return calibration.sigma
    case .tests(let tests): return tests.contains(test) ? calibration.sigma : nil
    }
  }

  /// The calibrated tests of each profiled feature (features without any are left out).
  public func calibratedTests(in profile: BaselineProfile) -> [(
    feature: String, tests: [DriftTest]
  )] {
    profile.features.compactMap { feature in
      let tests = self.tests(for: feature.kind).filter {
        calibrationSigma(for: $0, feature: feature.name) != nil
      }
      return tests.isEmpty ? nil : (feature.name, tests)
    }
  }
}

extension CalibrationSettings {
  /// Whether `test` is calibrated monitor-wide (by `calibration.tests` or a `calibrated:` entry).
  public func covers(_ test: DriftTest) -> Bool {
    guard test.canBeCalibrated else { return false }
    if let choice = perTest[test] { return choice.enabled }
    switch selection {
    case .none: return false
    case .all: return true
    case .tests(let tests): return tests.contains(test)
    }
  }
}
