/// Everything the tests need to know about a baseline, computed once per baseline content.
///
/// Numeric features keep their sorted finite values (the exact tests need them), decile bins and
/// bin counts; categorical features keep their category counts. A target window is compared with
/// the profile, never with the raw baseline file again.
public struct BaselineProfile: Sendable {
  /// Rows in the baseline.
  public var rowCount: Int
  /// One profile per profiled feature, in baseline column order.
  public var features: [FeatureProfile]
  /// Quantile bins per numeric feature.
  public var binCount: Int
  /// The joint distribution for the data-set-wide measures; `nil` when they are turned off (or
  /// the baseline's principal components could not be computed).
  public var multivariate: MultivariateProfile?
  /// Chunk statistics for calibrated thresholds; `nil` when no test is calibrated.
  public var calibration: BaselineCalibration?

  /// Assembles a profile from feature profiles (as decoded from a cache).
  public init(
    rowCount: Int, features: [FeatureProfile], binCount: Int,
    multivariate: MultivariateProfile? = nil
  ) {
    self.rowCount = rowCount
    self.features = features
    self.binCount = binCount
    self.multivariate = multivariate
  }

  /// Profiles the given columns of a baseline table, which stays as it was: the same profile
  /// as ``init(taking:featureNames:binCount:multivariate:)``, whose sorts copy the caller's
  /// columns on write (use that one, handing the table over, when it has no further use).
  ///
  /// - Parameters:
  ///   - table: The baseline data.
  ///   - featureNames: Columns to profile; `nil` profiles every non-timestamp column.
  ///   - binCount: Number of quantile bins for numeric features (10: deciles).
  ///   - multivariate: How to build the multivariate profile (nothing is built when disabled).
  /// - Throws: ``StatsError`` when a requested feature is not in the table.
  public init(
    table: Table, featureNames: [String]? = nil, binCount: Int = 10,
    multivariate: MultivariateSettings = MultivariateSettings()
  ) throws(StatsError) {
    // The caller keeps its reference to every column: each sort copies its column first.
    try self.init(
      taking: copy table, featureNames: featureNames, binCount: binCount,
      multivariate: multivariate)
  }

  /// Profiles the given columns of a baseline table that the profile takes over: each numeric
  /// column is sorted in its own array, which becomes the profile's sorted values, instead of
  /// into a second array of its size (the same profile as ``init(table:featureNames:binCount:multivariate:)``,
  /// bit for bit, without a column-sized array per numeric feature). Hand over the only
  /// reference (`consume`); a table still held elsewhere is copied on write, never changed.
  ///
  /// - Parameters:
  ///   - table: The baseline data, taken over.
  ///   - featureNames: Columns to profile; `nil` profiles every non-timestamp column.
  ///   - binCount: Number of quantile bins for numeric features (10: deciles).
  ///   - multivariate: How to build the multivariate profile (nothing is built when disabled).
  /// - Throws: ``StatsError`` when a requested feature is not in the table.
  public init(
    taking table: consuming Table, featureNames: [String]? = nil, binCount: Int = 10,
    multivariate: MultivariateSettings = MultivariateSettings()
  ) throws(StatsError) {
    rowCount = table.rowCount
    self.binCount = binCount
    let columns = try Self.columns(table, featureNames)
    // The table's references to its columns end here, so `columns` holds the only ones.
    _ = consume table
    let baselineRows = columns.first?.values.count ?? 0
    // The rows the multivariate profile samples, in file order, before any column is sorted.
    let sampled =
      multivariate.enabled
      ? MultivariateProfile.sampledRows(of: columns, settings: multivariate) : nil
    let features = Parallel.map(taking: consume columns) { column in
      FeatureProfile(taking: &column, binCount: binCount)
    }
    self.features = features
    self.multivariate = sampled.flatMap { sampled in
      try? MultivariateProfile(
        sampledRows: sampled, baselineRows: baselineRows, features: features,
        settings: multivariate)
    }
  }

  /// The columns of `table` to profile: `featureNames` in that order, or every non-timestamp
  /// column.
  private static func columns(_ table: borrowing Table, _ featureNames: [String]?)
    throws(StatsError) -> [Column]
  {
    guard let featureNames else { return table.columns.filter { $0.kind != .timestamp } }
    var picked = [Column]()
    for name in featureNames {
      guard let column = table.column(named: name) else {
        throw StatsError("feature '\(name)' is not a column of the baseline")
      }
      picked.append(column)
    }
    return picked
  }

  /// The profile of the named feature, if it was profiled.
  public func feature(named name: String) -> FeatureProfile? {
    features.first { $0.name == name }
  }
}

/// The baseline side of one feature.
public struct FeatureProfile: Sendable {
  /// Feature (column) name.
  public var name: String
  /// The feature's kind; the target is read with the same kind.
  public var kind: ColumnKind
  /// The distribution, by kind.
  public var distribution: Distribution

  /// The stored form of a feature's baseline distribution.
  public enum Distribution: Sendable {
    /// Sorted values, bins and bin counts of a numeric feature.
    case numeric(NumericProfile)
    /// Category counts of a categorical or boolean feature.
    case categorical(CategoryCounts)
  }

  /// Assembles a feature profile from its parts.
  public init(name: String, kind: ColumnKind, distribution: Distribution) {
    self.name = name
    self.kind = kind
    self.distribution = distribution
  }

  /// Profiles one column, taking its numeric values over: they are sorted in their own array,
  /// which the profile keeps, and the column is left without them (the same profile as
  /// ``init(column:binCount:)``, without a second array of the column's size when the column
  /// held the only reference). A categorical column is profiled as it is.
  init(taking column: inout Column, binCount: Int = 10) {
    name = column.name
    kind = column.kind
    if let values = column.takeNumericValues() {
      let sample = NumericSample(taking: consume values)
      distribution = .numeric(NumericProfile(sample: sample, binCount: binCount))
    } else if case .categorical(let values) = column.values {
      distribution = .categorical(CategoryCounts(column: values))
    } else {
      // takeNumericValues returns nil only for a categorical column.
      preconditionFailure("a column's values are numeric or categorical")
    }
  }

  /// Profiles one column, which stays as it was (its values are copied when sorted).
  public init(column: Column, binCount: Int = 10) {
    var column = column
    self.init(taking: &column, binCount: binCount)
  }
}

/// A numeric feature's baseline: its sample, quantile bins and the baseline's bin counts.
public struct NumericProfile: Sendable {
  /// Finite baseline values, sorted (read-only: ``moments`` is derived from them).
  public private(set) var sample: NumericSample
  /// Bins cut at the baseline's quantiles; `nil` when the baseline has no finite value.
  public var bins: QuantileBins?
  /// Baseline values per bin.
  public var binCounts: [Int]
  /// Summary statistics of the baseline.
  public var summary: NumericSummary
  /// Mean and squared deviations of the finite values (`nil` when there is none): computed
  /// once with the profile, so a window's `welch_t` does not sum the baseline again.
  var moments: SampleMoments?

  /// Builds the profile from a baseline sample.
  public init(sample: NumericSample, binCount: Int = 10) {
    self.sample = sample
    self.bins = try? QuantileBins(baseline: sample, binCount: binCount)
    self.binCounts = bins?.counts(sample) ?? []
    self.moments = sample.count > 0 ? SampleMoments(sample.sorted) : nil
    self.summary = NumericSummary(sample: sample, moments: moments)
  }
}
