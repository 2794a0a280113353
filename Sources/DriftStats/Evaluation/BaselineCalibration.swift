/// The statistics of baseline chunks against the rest of the baseline, from which calibrated
/// thresholds are derived; computed once per baseline (stored with its ``BaselineProfile``).
///
/// The baseline is cut into contiguous chunks of ``chunkRows`` rows in file order (a baseline
/// sorted by time keeps its real temporal variation: a seeded shuffle would make every chunk a
/// random sample and the band too narrow for data that drifts a little from day to day). When
/// more than the allowed number of whole chunks fit, that many are taken, spread evenly:
/// chunk `i` of `c` starts at row `chunkRows * floor(i * available / c)`. Rows after the last
/// whole chunk belong to no chunk but stay in every "rest". For each chunk and calibrated test
/// the statistic is computed with the chunk as the target and the other rows as the baseline,
/// numeric binned distances on the whole baseline's quantile bins (the bins a window is judged
/// with).
public struct BaselineCalibration: Sendable, Equatable {
  /// Rows per chunk.
  public var chunkRows: Int
  /// Chunks used.
  public var chunkCount: Int
  /// One entry per calibrated feature and test, in profile order then test order.
  public var entries: [Entry]
  /// Why no chunk statistics could be computed at all (too few chunks); then every test keeps its
  /// fixed threshold.
  public var problem: String?

  /// The chunk statistics of one test on one feature.
  public struct Entry: Sendable, Equatable {
    /// Feature name.
    public var feature: String
    /// The test.
    public var test: DriftTest
    /// The statistic of each chunk that could be computed, in chunk order.
    public var values: [Double]
    /// Why the band cannot be used (too few chunks could be computed), if so.
    public var problem: String?

    /// Creates an entry.
    public init(feature: String, test: DriftTest, values: [Double], problem: String? = nil) {
      self.feature = feature
      self.test = test
      self.values = values
      self.problem = problem
    }

    /// Mean of ``values`` (summed in chunk order).
    public var mean: Double {
      values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Sample standard deviation of ``values`` (divisor count − 1): a window is a new draw,
    /// not one of the chunks, and with 5 to 50 chunks the population form would narrow the band
    /// by up to 10 %.
    public var standardDeviation: Double {
      guard values.count > 1 else { return 0 }
      let mean = self.mean
      let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      return (squares / Double(values.count - 1)).squareRoot()
    }

    /// The band mean ± `sigma` standard deviations; `nil` when ``problem`` is set.
    public func band(sigma: Double) -> CalibratedBand? {
      guard problem == nil, !values.isEmpty else { return nil }
      let mean = self.mean
      let spread = sigma * standardDeviation
      return CalibratedBand(
        lower: test.hasTwoSidedBand ? mean - spread : nil, upper: mean + spread)
    }
  }

  /// Creates a calibration from its parts (as decoded from a cache).
  public init(chunkRows: Int, chunkCount: Int, entries: [Entry], problem: String? = nil) {
    self.chunkRows = chunkRows
    self.chunkCount = chunkCount
    self.entries = entries
    self.problem = problem
  }

  /// The entry of `test` on `feature`, if it was calibrated.
  public func entry(feature: String, test: DriftTest) -> Entry? {
    entries.first { $0.feature == feature && $0.test == test }
  }

  /// Every reason a requested band falls back to the fixed threshold, one line each.
  public var problems: [String] {
    if let problem { return [problem] }
    return entries.compactMap { entry in
      entry.problem.map { "\(entry.feature) \(entry.test.rawValue): \($0)" }
    }
  }
}
