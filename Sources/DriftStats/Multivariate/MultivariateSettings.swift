/// How the data-set-wide drift measures (domain-classifier magnitude, PCA reconstruction error)
/// are computed.
public struct MultivariateSettings: Sendable, Equatable, Hashable {
  /// Whether they are computed at all.
  public var enabled: Bool
  /// Most rows used per side (baseline sample, target sample); larger data sets are sampled.
  public var maxRows: Int
  /// Seed of every sample and shuffle: same data and seed give the same numbers, bit for bit.
  public var seed: UInt64
  /// Share of the baseline's variance the kept principal components explain, in (0, 1].
  public var varianceShare: Double
  /// Width of the reconstruction error's quiet band, in standard deviations.
  public var sigma: Double
  /// Whether per-feature contributions to the magnitude are reported.
  public var contributions: Bool
  /// Worker threads (`nil`: every core). The results do not depend on it.
  public var threads: Int?

  /// Fewest rows per side for which the measures are computed.
  public static let minimumRows = 50

  /// Creates settings; every parameter has the documented default.
  public init(
    enabled: Bool = true, maxRows: Int = 50_000, seed: UInt64 = 0, varianceShare: Double = 0.65,
    sigma: Double = 3, contributions: Bool = true, threads: Int? = nil
  ) {
    self.enabled = enabled
    self.maxRows = maxRows
    self.seed = seed
    self.varianceShare = varianceShare
    self.sigma = sigma
    self.contributions = contributions
    self.threads = threads
  }

  /// What of these settings shapes a baseline profile (a cache key part): the sample cap, the
  /// seed and the variance share, or `off`.
  public var profileKey: String {
    enabled ? "mv2;max_rows=\(maxRows);seed=\(seed);variance=\(varianceShare)" : "mv=off"
  }
}
