import ArgumentParser
import DriftStats

/// The data-set-wide measures: drift magnitude and reconstruction error.
struct MultivariateOptions: ParsableArguments {
  @Flag(help: "Skip the drift magnitude, reconstruction error and contributions.")
  var noMultivariate = false

  @Option(help: "Seed of the row samples and shuffles of the drift magnitude (default 0).")
  var seed: UInt64 = 0

  @Option(help: "Most rows per side used for the drift magnitude and reconstruction error.")
  var maxRows: Int = 50_000

  @Option(help: "Share of the baseline's variance the kept principal components explain.")
  var pcaVariance: Double = 0.65

  @Option(help: "Width of the reconstruction error's quiet band, in standard deviations.")
  var pcaSigma: Double = 3

  /// Checks the values with ``DriftSettings/validate()``, the rules the YAML reader applies too.
  func validate() throws {
    try SettingsUsage.check(DriftSettings(multivariate: settings(threads: nil)).validate())
  }

  /// The settings these options describe.
  func settings(threads: Int?) -> MultivariateSettings {
    MultivariateSettings(
      enabled: !noMultivariate, maxRows: maxRows, seed: seed, varianceShare: pcaVariance,
      sigma: pcaSigma, threads: threads)
  }
}
