extension ReconstructionDrift {
  /// Fewest baseline chunks of the target's size from which the band is estimated directly.
  public static let minimumChunks = 10

  /// Compares a target's mean reconstruction error with its spread over baseline chunks.
  ///
  /// The chunks hold as many rows as the target contributed (`targetErrors.count`): the baseline
  /// sample's per-row errors (in the sample's random order) are cut into consecutive chunks of that
  /// size; the band is the mean of the chunk means plus or minus `sigma` standard deviations
  /// (ddof 1) of them. When the sample holds fewer than ``minimumChunks`` chunks, the spread of a
  /// chunk mean is estimated as the standard error of a mean of that many independent rows,
  /// `sd(errors) / sqrt(chunk size)`, around the mean of every row (what the chunk spread
  /// estimates, as the sample's rows are in random order).
  ///
  /// - Parameters:
  ///   - targetErrors: Per-row errors of the target (at least one).
  ///   - baselineErrors: Per-row errors of the baseline sample (at least two).
  ///   - components: Components kept, for the report.
  ///   - sigma: Width of the band in standard deviations.
  public static func band(
    targetErrors: [Double], baselineErrors: [Double], components: Int, sigma: Double
  ) -> ReconstructionDrift {
    let error = sequentialMean(targetErrors)
    let size = max(targetErrors.count, 1)
    let chunks = baselineErrors.count / size
    let center: Double
    let spread: Double
    if chunks >= minimumChunks {
      let means = (0..<chunks).map { chunk in
        sequentialMean(baselineErrors[(chunk * size)..<((chunk + 1) * size)])
      }
      center = sequentialMean(means)
      spread = standardDeviation(means, mean: center)
    } else {
      center = sequentialMean(baselineErrors)
      spread = standardDeviation(baselineErrors, mean: center) / Double(size).squareRoot()
    }
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
