/// One value of ``DriftSettings`` outside its ``SettingLimit``.
public struct SettingsProblem: Sendable, Equatable, CustomStringConvertible {
  /// The key path in the configuration (`drift_share`, `thresholds.psi.statistic`).
  public var keyPath: String
  /// What is wrong: `must be in [0, 1] (...), got 1.5`.
  public var message: String

  /// Creates a problem.
  public init(keyPath: String, message: String) {
    self.keyPath = keyPath
    self.message = message
  }

  /// `drift_share: must be in [0, 1], got 1.5`.
  public var description: String { "\(keyPath): \(message)" }
}
