/// The two-sample Kolmogorov-Smirnov test (id `ks`), two-sided.
///
/// The statistic D is the largest absolute difference between the empirical distribution
/// functions of baseline and target, evaluated after all values equal to a point are consumed
/// (so ties never create spurious jumps). The p-value follows scipy's
/// `ks_2samp(method='auto')` (scipy 1.17):
/// - when both sides hold at most 10,000 values, the exact null probability P(D >= d) by
///   lattice-path counting (Gnedenko-Korolyuk series for equal sizes, Hodges' inside method
///   with Viehmann's 1 - p recursion for unequal sizes); D is then reported as h / lcm(n, m);
/// - otherwise, or if the exact value falls outside [0, 1], the one-sample two-sided
///   Kolmogorov distribution `KolmogorovDistribution.sf(D, n: round(n m / (n + m)))` with
///   round-half-to-even, as scipy does.
public enum KolmogorovSmirnov {
  /// Largest sample size on either side for which the exact p-value is computed.
  static let maxExactSize = 10_000

  /// Runs the test.
  ///
  /// - Parameters:
  ///   - baseline: The reference sample.
  ///   - target: The sample compared with the baseline.
  /// - Returns: D in [0, 1] and the two-sided p-value.
  /// - Throws: ``StatsError`` when either side has no finite value.
  public static func test(_ baseline: NumericSample, _ target: NumericSample) throws(StatsError)
    -> TestOutcome
  {
    try test(baseline, target, gap: nil)
  }

  /// Runs the test with the largest gap of the two samples when the caller already has it
  /// (``largestGap(_:_:)`` of the same sorted samples), else finds it.
  static func test(_ baseline: NumericSample, _ target: NumericSample, gap known: Gap?)
    throws(StatsError) -> TestOutcome
  {
    try NumericSample.requireTwoSamples(baseline, target, test: "Kolmogorov-Smirnov test")
    let n1 = baseline.count
    let n2 = target.count
    let gap = known ?? largestGap(baseline.sorted, target.sorted)
    // scipy's D is cdf1 - cdf2 in floating point at the location of the largest gap.
    var d = abs(Double(gap.baselineCount) / Double(n1) - Double(gap.targetCount) / Double(n2))
    var pValue: Double?
    if max(n1, n2) <= maxExactSize {
      let g = gcd(n1, n2)
      let lcm = (n1 / g) * n2
      let h = gap.scaledGap / g
      d = Double(h) / Double(lcm)
      if h == 0 {
        pValue = 1
      } else {
        let exact = n1 == n2 ? exactEqualSizes(n: n1, h: h) : exactUnequalSizes(n1, n2, g: g, h: h)
        // scipy falls back to the asymptotic distribution when the exact value leaves [0, 1].
        if exact >= 0, exact <= 1 { pValue = exact }
      }
    }
    if pValue == nil {
      let big = Double(max(n1, n2))
      let small = Double(min(n1, n2))
      let effective = (big * small / (big + small)).rounded(.toNearestOrEven)
      pValue = KolmogorovDistribution.sf(d, n: max(Int(effective), 1))
    }
    return try OutcomeCheck.outcome(d, pValue ?? .nan, test: "Kolmogorov-Smirnov test")
  }

  /// The Kolmogorov-Smirnov distance D alone: the largest gap between the two empirical
  /// distribution functions, in [0, 1] (0 when either side is empty).
  ///
  /// The evaluator uses it as the effect size of every numeric hypothesis test.
  public static func distance(_ baseline: NumericSample, _ target: NumericSample) -> Double {
    guard baseline.count > 0, target.count > 0 else { return 0 }
    return distance(largestGap(baseline.sorted, target.sorted), baseline.count, target.count)
  }

  /// D from the largest gap of two samples of `n1` and `n2` values (both at least 1).
  static func distance(_ gap: Gap, _ n1: Int, _ n2: Int) -> Double {
    Double(gap.scaledGap) / (Double(n1) * Double(n2))
  }

  /// Greatest common divisor of two positive integers.
  static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }
}
