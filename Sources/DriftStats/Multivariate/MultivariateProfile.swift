/// The baseline's joint distribution, kept for the data-set-wide drift measures: the encoding, a
/// seeded sample of baseline rows, the principal components of the encoded sample and the
/// sample's per-row reconstruction errors (in-sample, and held out for the band).
///
/// The per-feature profiles keep marginals only; this keeps rows, so relations between features
/// (a correlation that flips sign, say) can be compared.
public struct MultivariateProfile: Sendable {
  /// How rows are encoded; a target is encoded with these baseline constants only.
  public var encoding: MultivariateEncoding
  /// The sampled rows before encoding (what the binary cache stores).
  public var rawSample: [RawSampleColumn]
  /// The sampled rows encoded, in sample (random) order.
  public var sample: DesignMatrix
  /// Principal components of `sample`.
  public var components: PrincipalComponents
  /// Reconstruction error of every row of `sample` (in-sample: from `components`).
  public var sampleErrors: [Double]
  /// Reconstruction errors of every row of `sample` from components fitted without that row,
  /// and those components (``PrincipalComponents/heldOut(_:kept:folds:threads:)``): what the
  /// reconstruction band compares a target with, through the same components, as a target's
  /// rows are never part of a fit either. Empty when there are too few rows.
  public var heldOut: PrincipalComponents.HeldOut
  /// Scores of every row of `sample` on the kept components (`rows x kept`, row-major).
  public var sampleScores: [Double]
  /// Rows in the whole baseline.
  public var baselineRows: Int
  /// The settings the profile was built with (only the sample cap, seed and variance share
  /// shape it).
  public var settings: MultivariateSettings

  /// Seed stream of the baseline sample (targets use another).
  static let baselineStream: UInt64 = 1

  /// The baseline rows a profile samples (seeded, stream 1), gathered from `columns` in sample
  /// order: what ``init(sampledRows:baselineRows:features:settings:)`` needs of the columns, so
  /// that they can be sorted in place before the features' encodings are known.
  static func sampledRows(of columns: [Column], settings: MultivariateSettings) -> [Column] {
    let rows = columns.first?.values.count ?? 0
    var generator = SeededGenerator(seed: settings.seed, stream: Self.baselineStream)
    let indices = generator.sample(population: rows, count: settings.maxRows)
    return columns.map { $0.rows(at: indices) }
  }

  /// Encodes and decomposes the sampled rows of a baseline of `baselineRows` rows
  /// (``sampledRows(of:settings:)``, one column per feature).
  ///
  /// - Parameters:
  ///   - sampledRows: The sampled rows, one column per feature, in the order of `features`.
  ///   - baselineRows: Rows in the whole baseline.
  ///   - features: The features' full-baseline profiles (the encoding's constants come from them).
  ///   - settings: Sample cap, seed, variance share.
  /// - Throws: ``StatsError`` when the components cannot be computed.
  init(
    sampledRows: [Column], baselineRows: Int, features: [FeatureProfile],
    settings: MultivariateSettings
  ) throws(StatsError) {
    precondition(sampledRows.count == features.count, "one column per feature")
    let encoding = MultivariateEncoding(features: features.map(FeatureEncoding.init(profile:)))
    // The rows are gathered already: every row of `sampledRows`, categories mapped to slots.
    try self.init(
      encoding: encoding, rawSample: encoding.raw(columns: sampledRows),
      baselineRows: baselineRows, settings: settings)
  }

  /// Rebuilds a profile from its encoding and raw sample (as decoded from the cache): the derived
  /// parts are recomputed, so they equal a fresh profile's by construction.
  public init(
    encoding: MultivariateEncoding, rawSample: [RawSampleColumn], baselineRows: Int,
    settings: MultivariateSettings
  ) throws(StatsError) {
    self.encoding = encoding
    self.rawSample = rawSample
    self.baselineRows = baselineRows
    self.settings = settings
    sample = encoding.encode(rawSample, threads: settings.threads)
    if sample.rows >= 2 && sample.columns >= 1 {
      components = try PrincipalComponents.fit(
        sample, varianceShare: settings.varianceShare, threads: settings.threads)
      let projection = components.project(sample, threads: settings.threads)
      sampleScores = projection.scores
      sampleErrors = projection.errors
      heldOut =
        sample.rows >= 4
        ? try PrincipalComponents.heldOut(
          sample, kept: components.kept, threads: settings.threads)
        : PrincipalComponents.HeldOut(errors: [], folds: [], scales: [])
    } else {
      components = PrincipalComponents(
        dimension: sample.columns, mean: [Double](repeating: 0, count: sample.columns),
        explainedVarianceRatio: [], variances: [], kept: 0, components: [])
      sampleErrors = []
      heldOut = PrincipalComponents.HeldOut(errors: [], folds: [], scales: [])
      sampleScores = []
    }
  }
}
