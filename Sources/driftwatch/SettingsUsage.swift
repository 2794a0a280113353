import ArgumentParser
import DriftStats

/// Turns ``SettingsProblem``s of settings filled from the command line into a usage error that
/// names the option, as the YAML reader turns them into file:line:column issues.
enum SettingsUsage {
  /// The option that sets each key path (thresholds are matched by their last part).
  static let options: [String: String] = [
    "drift_share": "--drift-share", "min_effect": "--min-effect",
    "calibration.sigma": "--calibrate-sigma", "calibration.chunk_rows": "--chunk-rows",
    "calibration.max_chunks": "--max-chunks", "multivariate.max_rows": "--max-rows",
    "multivariate.variance": "--pca-variance", "multivariate.sigma": "--pca-sigma",
  ]

  /// Throws a `ValidationError` for the first problem, if any.
  static func check(_ problems: [SettingsProblem]) throws {
    guard let problem = problems.first else { return }
    throw ValidationError("\(option(for: problem.keyPath)) \(problem.message)")
  }

  /// `--drift-share`, or `--threshold psi.statistic` for `thresholds.psi.statistic`.
  static func option(for keyPath: String) -> String {
    if let option = options[keyPath] { return option }
    let parts = keyPath.split(separator: ".")
    if parts.first == "thresholds", parts.count >= 3 {
      return "--threshold \(parts.dropFirst().joined(separator: "."))"
    }
    return keyPath
  }
}
