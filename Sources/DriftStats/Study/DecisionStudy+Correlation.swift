extension DecisionStudy {
  /// Index of the feature that ``correlated(_:rho:)`` mixes with feature 0: the 5 %-missing
  /// standard normal feature of ``features(categories:)`` (feature 0 is the normal one).
  public static let correlatedFeature = 3

  /// `table` with features 0 and ``correlatedFeature`` (both standard normal) correlated at
  /// `rho`: the second becomes `rho x0 + sqrt(1 - rho^2) x3`, its missing values staying
  /// missing. Every feature keeps its own law (a standard normal stays one), so no test of a
  /// single feature can see a change of `rho`; only the joint law changes.
  ///
  /// - Parameters:
  ///   - table: A table of ``features(categories:)``.
  ///   - rho: The correlation, in [-1, 1].
  public static func correlated(_ table: Table, rho: Double) -> Table {
    guard table.columns.count > correlatedFeature,
      case .numeric(let first) = table.columns[0].values,
      case .numeric(let second) = table.columns[correlatedFeature].values
    else { return table }
    let weight = max(0, 1 - rho * rho).squareRoot()
    let mixed = zip(first.values, second.values).map { x, y in
      y.isNaN ? y : rho * x + weight * y
    }
    var columns = table.columns
    columns[correlatedFeature] = Column(
      name: columns[correlatedFeature].name, kind: .numeric,
      values: .numeric(NumericColumn(values: mixed)))
    return Table(columns: columns, rowCount: table.rowCount, rejectedRows: table.rejectedRows)
  }

  /// Draws a baseline of `features` with features 0 and ``correlatedFeature`` correlated at
  /// `rho` and profiles it with the multivariate sample kept.
  ///
  /// - Throws: ``StatsError`` when profiling fails.
  public func correlatedProfile(features: [SyntheticFeature], rho: Double) throws(StatsError)
    -> BaselineProfile
  {
    let table = draw(features, rows: baselineRows, cell: 0, window: UInt64.max, planted: nil)
    var options = settings.multivariate
    options.enabled = true
    return try BaselineProfile(table: Self.correlated(table, rho: rho), multivariate: options)
  }
}
