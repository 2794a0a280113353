/// Outcomes that several tests of one feature share, each computed at most once per comparison:
/// the Kolmogorov-Smirnov test (`ks`, and the noise check of `wasserstein_norm` and `energy`) and
/// the pooled chi-square of the bin or category counts (`chisquare`, and the noise check of
/// every binned distance). With the default tests a categorical feature used to run the same
/// pooled chi-square three times.
struct SharedOutcomes {
  private var kolmogorovSmirnov: Result<TestOutcome, StatsError>?
  /// The two samples' largest gap when the caller found it already (for the effect size), so
  /// the `ks` test does not merge the samples a second time; nil: the test finds it.
  var ksGap: KolmogorovSmirnov.Gap?
  private var pooledChiSquare: Result<TestOutcome, StatsError>?

  /// The Kolmogorov-Smirnov test of the two samples, from `compute` the first time.
  mutating func ks(_ compute: () throws(StatsError) -> TestOutcome) throws(StatsError)
    -> TestOutcome
  {
    try Self.once(&kolmogorovSmirnov, compute)
  }

  /// The pooled chi-square test of the two count vectors, from `compute` the first time.
  mutating func chiSquare(_ compute: () throws(StatsError) -> TestOutcome) throws(StatsError)
    -> TestOutcome
  {
    try Self.once(&pooledChiSquare, compute)
  }

  private static func once(
    _ slot: inout Result<TestOutcome, StatsError>?,
    _ compute: () throws(StatsError) -> TestOutcome
  ) throws(StatsError) -> TestOutcome {
    if let slot { return try slot.get() }
    let result = Result(catching: compute)
    slot = result
    return try result.get()
  }
}
