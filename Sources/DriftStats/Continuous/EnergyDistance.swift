/// The energy distance between two samples (`energy`).
///
/// Matches `scipy.stats.energy_distance(baseline, target)`: `sqrt(2 * integral (F - G)² dx)`
/// over the two empirical CDFs F and G, in the unit of the values. Computed from the sorted arrays
/// in one merge, O(n1 + n2) (O(n log n) including the sort every ``NumericSample`` already paid),
/// not from the O(n²) pairwise form.
public enum EnergyDistance {
  /// The energy distance between the empirical distributions of the two samples.
  ///
  /// - Throws: ``StatsError`` when either sample has no finite values.
  public static func distance(
    _ baseline: NumericSample, _ target: NumericSample
  ) throws(StatsError) -> Double {
    let integral = try EmpiricalCDFGap.integral(baseline, target, name: "energy distance", power: 2)
    return (2 * integral).squareRoot()
  }
}
