/// One test's calibration choice in a `thresholds:` entry: `calibrated: true`, `false` or
/// `{ sigma: K }`.
public struct CalibratedTest: Sendable, Equatable {
  /// Whether the test is calibrated (`false` opts it out of `calibration.tests`).
  public var enabled: Bool
  /// Its own band half-width; `nil` uses ``CalibrationSettings/sigma``.
  public var sigma: Double?

  /// Creates a choice.
  public init(enabled: Bool = true, sigma: Double? = nil) {
    self.enabled = enabled
    self.sigma = sigma
  }
}
