extension BaselineCalibration {
  /// Computes the chunk statistics of every calibrated test of `settings` on the baseline.
  ///
  /// Work is spread over (feature, chunk) pairs on all cores; each pair's statistics are
  /// computed independently and gathered in a fixed order, so the result does not depend on the
  /// number of threads. Cost: per feature and chunk, one pass over the feature's sorted baseline
  /// values to form the rest, plus the tests themselves.
  ///
  /// - Parameters:
  ///   - table: The baseline data in file order (the table `profile` was computed from).
  ///   - profile: The baseline's profile.
  ///   - settings: Which tests are calibrated on which features, and the chunk cap.
  ///   - chunkRows: Rows per chunk: the size of a window.
  public init(table: Table, profile: BaselineProfile, settings: DriftSettings, chunkRows: Int) {
    self.init(
      table: table, profile: profile, settings: settings, chunkRows: chunkRows, parallel: true)
  }

  /// As the public initializer; `parallel: false` runs on the calling thread only (to check
  /// that results do not depend on threads).
  init(
    table: Table, profile: BaselineProfile, settings: DriftSettings, chunkRows: Int,
    parallel: Bool
  ) {
    let requests = settings.calibratedTests(in: profile)
    let available = chunkRows > 0 ? table.rowCount / chunkRows : 0
    guard available >= CalibrationSettings.minimumChunks else {
      self.init(
        chunkRows: chunkRows, chunkCount: 0, entries: [],
        problem:
          "the baseline's \(table.rowCount) rows make \(available) chunks of \(chunkRows) rows; "
          + "calibration needs at least \(CalibrationSettings.minimumChunks): lower chunk_rows "
          + "or use a larger baseline (the fixed thresholds apply)")
      return
    }
    let count = min(available, max(settings.calibration.maxChunks, 1))
    let starts = (0..<count).map { chunkRows * ($0 * available / count) }
    let items = requests.indices.flatMap { request in starts.map { (request, $0) } }
    // Every chunk of a feature against its rest has the feature's N: fligner's score table is
    // built once per feature and shared by the chunks (dropped with the calibration).
    let scores = FlignerScoreCache()
    let work: @Sendable ((Int, Int)) -> [ChunkValue] = { item in
      let request = requests[item.0]
      return Self.chunkValues(
        feature: request.feature, tests: request.tests, table: table, profile: profile,
        rows: item.1..<(item.1 + chunkRows), scores: scores)
    }
    let computed = parallel ? Parallel.map(items, work) : items.map(work)
    var entries = [Entry]()
    for (requestIndex, request) in requests.enumerated() {
      let perChunk = computed[(requestIndex * count)..<((requestIndex + 1) * count)]
      for (testIndex, test) in request.tests.enumerated() {
        var values = [Double]()
        var firstError: String?
        for chunk in perChunk {
          switch chunk[testIndex] {
          case .value(let value): values.append(value)
          case .failed(let message): firstError = firstError ?? message
          }
        }
        var problem: String?
        if values.count < CalibrationSettings.minimumChunks {
          problem =
            "only \(values.count) of \(count) chunks could be computed"
            + (firstError.map { " (\($0))" } ?? "") + "; the fixed threshold applies"
        }
        entries.append(
          Entry(feature: request.feature, test: test, values: values, problem: problem))
      }
    }
    self.init(chunkRows: chunkRows, chunkCount: count, entries: entries)
  }

  /// One chunk's statistic for each of `tests`, chunk against the rest of the baseline;
  /// `scores`: the fligner score tables the calibration's chunks share.
  private static func chunkValues(
    feature: String, tests: [DriftTest], table: Table, profile: BaselineProfile, rows: Range<Int>,
    scores: FlignerScoreCache
  ) -> [ChunkValue] {
    func failed(_ message: String) -> [ChunkValue] { tests.map { _ in .failed(message) } }
    guard let featureProfile = profile.feature(named: feature),
      let column = table.column(named: feature)
    else { return failed("feature '\(feature)' is not in the baseline table") }
    switch (featureProfile.distribution, column.values) {
    case (.numeric(let full), .numeric(let values)):
      let chunk = NumericSample(values: values.values[rows])
      guard let rest = full.sample.removing(chunk) else {
        return failed("the profile of '\(feature)' does not match the baseline table")
      }
      let chunkBins = full.bins?.counts(chunk)
      let restBins = chunkBins.map { zip(full.binCounts, $0).map { $0 - $1 } } ?? []
      var shared = SharedOutcomes()
      return tests.map { test in
        ChunkValue {
          () throws(StatsError) in
          try FeatureEvaluation.numericOutcome(
            test, rest, restBins, chunk, chunkBins, shared: &shared, scores: scores)
        }
      }
    case (.categorical(let full), .categorical(let values)):
      guard full.labels == values.categories else {
        return failed("the profile of '\(feature)' does not match the baseline table")
      }
      var chunkCounts = [Int](repeating: 0, count: full.labels.count)
      var chunkMissing = 0
      for code in values.codes[rows] {
        if code < 0 { chunkMissing += 1 } else { chunkCounts[Int(code)] += 1 }
      }
      let chunk = CategoryCounts(labels: full.labels, counts: chunkCounts, missing: chunkMissing)
      let rest = CategoryCounts(
        labels: full.labels, counts: zip(full.counts, chunkCounts).map { $0 - $1 },
        missing: full.missing - chunkMissing)
      let aligned = AlignedCategoryCounts(baseline: rest, target: chunk)
      var shared = SharedOutcomes()
      return tests.map { test in
        ChunkValue {
          () throws(StatsError) in
          try FeatureEvaluation.categoricalOutcome(test, rest, chunk, aligned, shared: &shared)
        }
      }
    default:
      return failed("feature '\(feature)' has another kind in the baseline table")
    }
  }
}

/// One chunk's statistic, or why it could not be computed.
private enum ChunkValue: Sendable {
  case value(Double)
  case failed(String)

  init(_ compute: () throws(StatsError) -> TestOutcome) {
    do {
      self = .value(try compute().statistic)
    } catch {
      self = .failed(error.message)
    }
  }
}

extension NumericSample {
  /// This sample without the values of `part` (a sub-multiset of it), in one merge; `nil` when
  /// `part` holds a value this sample does not.
  func removing(_ part: NumericSample) -> NumericSample? {
    var rest = [Double]()
    rest.reserveCapacity(max(count - part.count, 0))
    var next = 0
    let removed = part.sorted
    for value in sorted {
      if next < removed.count && value == removed[next] {
        next += 1
      } else if next < removed.count && removed[next] < value {
        return nil
      } else {
        rest.append(value)
      }
    }
    guard next == removed.count, missing >= part.missing, infinite >= part.infinite else {
      return nil
    }
    return NumericSample(
      presorted: rest, missing: missing - part.missing, infinite: infinite - part.infinite)
  }
}
