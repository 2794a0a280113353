extension ReconstructionDrift {
  /// Compares a target's mean reconstruction error with the baseline sample's.
  ///
  /// Both sides' errors come from components fitted without their rows, through the same fits:
  /// the baseline's held out by cross-fitting (``MultivariateProfile/heldOut``), target row i
  /// from the components of fold i mod 10, so both means mix the same fits. Under no drift they
  /// are draws of the same law, so the difference of the two means has standard error
  /// `s sqrt(1/n + 1/m)`, with `s` the baseline errors' standard deviation (ddof 1), `n` the
  /// target rows and `m` the baseline rows. The band is the baseline mean plus or minus `sigma`
  /// such standard errors, at any window size: the second term matters once the window is a
  /// large share of the baseline sample (a window of 50,000 rows against a sample of 50,000 has
  /// a spread 1.4 times that of the target's mean alone).
  ///
  /// (Until issue #13's follow-up the band compared the target's errors from the full fit with
  /// the in-sample errors, cut into chunks of the target's size, and left out the baseline
  /// mean's own noise: in-sample errors are biased low, and the band fired on 18 of 20 stable
  /// windows of 10,000 rows.)
  ///
  /// - Parameters:
  ///   - targetErrors: Per-row errors of the target (at least one).
  ///   - baselineErrors: Held-out per-row errors of the baseline sample (at least two).
  ///   - components: Components kept, for the report.
  ///   - sigma: Width of the band in standard errors.
  public static func band(
    targetErrors: [Double], baselineErrors: [Double], components: Int, sigma: Double
  ) -> ReconstructionDrift {
    let error = sequentialMean(targetErrors)
    let n = Double(max(targetErrors.count, 1))
    let m = Double(max(baselineErrors.count, 1))
    let center = sequentialMean(baselineErrors)
    let spread = standardDeviation(baselineErrors, mean: center) * (1 / n + 1 / m).squareRoot()
    let lower = center - sigma * spread
    let upper = center + sigma * spread
    return ReconstructionDrift(
      error: error, baselineMean: center, baselineStd: spread, lower: lower, upper: upper,
      components: components, drifted: error < lower || error > upper)
  }

  private static func sequentialMean<C: Collection>(_ values: C) -> Double
  where C.Element == Double {
    values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
  }

  private static func standardDeviation<C: Collection>(_ values: C, mean: Double) -> Double
  where C.Element == Double {
    guard values.count >= 2 else { return 0 }
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(values.count - 1)).squareRoot()
  }
}
