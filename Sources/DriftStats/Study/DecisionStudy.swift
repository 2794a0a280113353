/// Measures the decision rule: how often it reports drift on windows drawn from the baseline's own
/// distribution (false alarms), and how often it finds a planted change (power).
///
/// A study window holds twelve features (``features(categories:)``) and goes through
/// ``Evaluator/evaluate(profile:target:settings:)``, the code `compare` and the daemon use, so the
/// figures are those of the real rule. Everything is drawn from ``SeededGenerator`` streams fixed by
/// the seed, the cell and the window's index: the same study gives the same counts on any machine
/// and at any thread count.
public struct DecisionStudy: Sendable {
  /// Rows drawn for the baseline.
  public var baselineRows: Int
  /// The study's seed.
  public var seed: UInt64
  /// The settings evaluated (the defaults unless a caller changes them).
  public var settings: DriftSettings

  /// A change planted in one feature of every window.
  public struct Planted: Sendable {
    /// Index of the changed feature in the window's feature list.
    public var feature: Int
    /// The change.
    public var change: PlantedChange

    /// Creates a planted change.
    public init(feature: Int, change: PlantedChange) {
      self.feature = feature
      self.change = change
    }
  }

  /// The counts of one cell of the study.
  public struct Outcome: Sendable, Equatable {
    /// Windows evaluated.
    public var windows = 0
    /// Windows in which at least one feature was reported drifted.
    public var anyDrifted = 0
    /// Windows in which the planted feature was reported drifted.
    public var plantedFound = 0
    /// How many windows each test reported drift in (on any feature).
    public var driftedByTest: [DriftTest: Int] = [:]
    /// Windows whose reconstruction error left its quiet band (multivariate runs only).
    public var reconstructionDrifted = 0
    /// The drift magnitude (percent) of each window, when it was computed.
    public var magnitudes: [Double] = []

    /// Creates empty counts.
    public init() {}
  }

  /// Creates a study.
  ///
  /// - Parameters:
  ///   - baselineRows: Rows drawn for the baseline.
  ///   - seed: The seed every draw derives from.
  ///   - settings: The rule to measure.
  public init(
    baselineRows: Int = 50_000, seed: UInt64 = 13, settings: DriftSettings = DriftSettings()
  ) {
    self.baselineRows = baselineRows
    self.seed = seed
    self.settings = settings
  }

  /// The twelve features of a study window: normal, t3, integer and 5 %-missing numeric
  /// features, then four categorical features with `categories` equal shares and four with
  /// Zipf shares.
  public static func features(categories: Int) -> [SyntheticFeature] {
    [.normal, .heavyTailed, .integer, .missing]
      + Array(repeating: .categorical(categories: categories, zipf: false), count: 4)
      + Array(repeating: .categorical(categories: categories, zipf: true), count: 4)
  }

  /// Column names of a feature list: the kind's name and the position, e.g. `f04_uniform30`.
  static func names(_ features: [SyntheticFeature]) -> [String] {
    features.enumerated().map { index, feature in
      (index < 10 ? "f0\(index)_" : "f\(index)_") + feature.name
    }
  }

  /// Draws the baseline of `features` and profiles it.
  ///
  /// - Parameters:
  ///   - features: The window's features.
  ///   - multivariate: Whether to keep the multivariate sample (for the drift magnitude).
  /// - Throws: ``StatsError`` when profiling fails.
  public func profile(features: [SyntheticFeature], multivariate: Bool = false) throws(StatsError)
    -> BaselineProfile
  {
    let table = draw(features, rows: baselineRows, cell: 0, window: UInt64.max, planted: nil)
    var options = settings.multivariate
    options.enabled = multivariate
    return try BaselineProfile(table: table, multivariate: options)
  }

  /// Evaluates `windows` windows of `rows` rows against `profile` and counts the verdicts.
  ///
  /// - Parameters:
  ///   - features: The window's features (those `profile` was built from).
  ///   - profile: The baseline profile.
  ///   - rows: Rows per window.
  ///   - windows: Windows to draw.
  ///   - planted: The change planted in every window, or `nil` for stable windows.
  ///   - cell: A number that tells this cell's windows apart from other cells' (part of the seed).
  /// - Throws: ``StatsError`` when evaluating fails.
  public func run(
    features: [SyntheticFeature], profile: BaselineProfile, rows: Int, windows: Int,
    planted: Planted?, cell: UInt64
  ) throws(StatsError) -> Outcome {
    var outcome = Outcome()
    for window in 0..<windows {
      let table = draw(features, rows: rows, cell: cell, window: UInt64(window), planted: planted)
      let report = try Evaluator.evaluate(profile: profile, target: table, settings: settings)
      outcome.windows += 1
      if report.features.contains(where: \.drifted) { outcome.anyDrifted += 1 }
      if let planted, report.features[planted.feature].drifted { outcome.plantedFound += 1 }
      let tests = Set(report.features.flatMap { $0.tests.filter(\.drifted).map(\.test) })
      for test in tests { outcome.driftedByTest[test, default: 0] += 1 }
      if report.dataset.reconstruction?.drifted == true { outcome.reconstructionDrifted += 1 }
      if let magnitude = report.dataset.magnitude { outcome.magnitudes.append(magnitude.magnitude) }
    }
    return outcome
  }

  /// One table of `rows` rows; each feature draws from its own generator stream.
  ///
  /// - Parameters:
  ///   - features: The features, in column order.
  ///   - rows: Rows to draw.
  ///   - cell: The cell number (part of the seed).
  ///   - window: The window number (part of the seed).
  ///   - planted: The change planted in one feature, if any.
  public func draw(
    _ features: [SyntheticFeature], rows: Int, cell: UInt64, window: UInt64, planted: Planted?
  ) -> Table {
    let names = Self.names(features)
    var columns = [Column]()
    for (index, feature) in features.enumerated() {
      var generator = SeededGenerator(
        seed: seed ^ (cell &* 0x9E37_79B9_7F4A_7C15) ^ (window &* 0xC2B2_AE3D_27D4_EB4F),
        stream: UInt64(index) + 1)
      let change = planted?.feature == index ? planted?.change ?? .none : .none
      columns.append(
        feature.column(named: names[index], rows: rows, change: change, generator: &generator))
    }
    return Table(columns: columns, rowCount: rows)
  }
}
