import DriftData
import DriftStats
import GRDB
import GRDBSQLite

/// Feature names and tests by their ids in the store.
private struct ResultNames {
  var features: [Int64: String] = [:]
  var tests: [Int64: DriftTest] = [:]
}

extension DriftStore {
  /// Visits every stored test result of `monitor` for windows starting in `[since, until)`,
  /// in window order, without collecting them: the dashboard reads a year of results (half a
  /// million rows for 20 features) this way and keeps only what it draws.
  ///
  /// One walk of the `runs (monitor_id, window_start)` index range with a primary-key range of
  /// `feature_results` per run; feature and test names come from the small name tables read
  /// once, so no row joins them.
  ///
  /// - Throws: `.incompatibleSchema` for a test name this version does not know, the database
  ///   kinds, and whatever `visit` throws (wrapped like a database error).
  public func scanResults(
    monitor: String, since: Int64, until: Int64, _ visit: (ResultSample) throws -> Void
  ) throws(StoreError) {
    try perform("reading the history of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else { return }
        let names = try resultNames(in: db)
        try scanRaw(
          monitorID, since: since, until: until, folded: false, names: names, in: db, visit)
      }
    }
  }

  /// Visits `monitor`'s results merged by block of time where a block lies whole inside one
  /// group: for each group `[bounds[i], bounds[i + 1])` (`bounds` increasing), in time order,
  /// one sample per feature, test and whole day of the group from the roll-up, one per 4-hour
  /// block whole inside the group's rest, and one per feature and test for each remaining
  /// stretch of windows, folded from their stored results.
  ///
  /// A sample is the fold of its windows (``ResultSample/highest(_:_:)``); its `windowStart` is the
  /// first of those windows holding the feature and test. Folding what this visits per group
  /// gives what folding ``scanResults(monitor:since:until:_:)``'s samples gives, from a few
  /// rows per group instead of a row per window. All of it is read from one snapshot.
  ///
  /// - Throws: As ``scanResults(monitor:since:until:_:)``.
  public func scanResults(
    monitor: String, groups bounds: [Int64], _ visit: (ResultSample) throws -> Void
  ) throws(StoreError) {
    guard bounds.count > 1 else { return }
    try perform("reading the history of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else { return }
        let names = try resultNames(in: db)
        for (low, high) in zip(bounds, bounds.dropFirst()) {
          try scanCovering(
            monitorID, since: low, until: high, spans: ResultRollup.spans[...], names: names,
            in: db, visit)
        }
      }
    }
  }

  /// Visits `[since, until)` as the longest blocks of `spans` that fit whole, the shorter
  /// ones on either side, and stored results where no block fits.
  private func scanCovering(
    _ monitorID: Int64, since: Int64, until: Int64, spans: ArraySlice<Int64>,
    names: ResultNames, in db: Database, _ visit: (ResultSample) throws -> Void
  ) throws {
    guard since < until else { return }
    guard let span = spans.first else {
      try scanRaw(
        monitorID, since: since, until: until, folded: true, names: names, in: db, visit)
      return
    }
    let first = ResultRollup.nextBlockStart(since, span: span)
    let last = ResultRollup.blockStart(until, span: span)
    guard first < last else {
      try scanCovering(
        monitorID, since: since, until: until, spans: spans.dropFirst(), names: names, in: db,
        visit)
      return
    }
    try scanCovering(
      monitorID, since: since, until: first, spans: spans.dropFirst(), names: names, in: db,
      visit)
    try scanBlocks(monitorID, span: span, since: first, until: last, names: names, in: db, visit)
    try scanCovering(
      monitorID, since: last, until: until, spans: spans.dropFirst(), names: names, in: db,
      visit)
  }

  /// Feature names and tests by id, read once per scan so no result row joins them.
  private func resultNames(in db: Database) throws -> ResultNames {
    var names = ResultNames()
    for row in try Row.fetchAll(db, sql: "SELECT id, name FROM features") {
      names.features[row[0]] = row[1]
    }
    for row in try Row.fetchAll(db, sql: "SELECT id, name FROM tests") {
      let name: String = row[1]
      guard let test = DriftTest(rawValue: name) else {
        throw StoreError(
          .incompatibleSchema, path: path,
          message:
            "\(path) holds a test '\(name)' this driftwatch does not know; it was written "
            + "by a newer version: upgrade driftwatch")
      }
      names.tests[row[0]] = test
    }
    return names
  }

  /// Visits the stored results of `monitorID`'s windows starting in `[since, until)`: each
  /// one in window order, or when `folded`, one fold per feature and test (its `windowStart`
  /// the first window holding the pair).
  private func scanRaw(
    _ monitorID: Int64, since: Int64, until: Int64, folded: Bool, names: ResultNames,
    in db: Database, _ visit: (ResultSample) throws -> Void
  ) throws {
    guard since < until else { return }
    var folds: [ResultRollup.Fold] = []
    var slots: [Int64: Int] = [:]
    // CROSS JOIN keeps the runs index as the outer loop (SQLite never reorders it).
    try ResultRollup.forEachRow(
      db.cachedStatement(
        sql: """
          SELECT \(ResultRollup.rawColumns)
          FROM runs r CROSS JOIN feature_results fr ON fr.run_id = r.id
          WHERE r.monitor_id = ? AND r.window_start >= ? AND r.window_start < ?
          ORDER BY r.window_start
          """), arguments: [monitorID, since, until]
    ) { statement in
      let result = ResultRollup.Fold(raw: statement)
      guard folded else {
        try visitFold(result, names: names, visit)
        return
      }
      if let slot = slots[result.series] {
        folds[slot].fold(result)
      } else {
        slots[result.series] = folds.count
        folds.append(result)
      }
    }
    for fold in folds { try visitFold(fold, names: names, visit) }
  }

  /// Visits the roll-up of `monitorID`'s `span`-second blocks starting in `[since, until)`,
  /// in time order.
  private func scanBlocks(
    _ monitorID: Int64, span: Int64, since: Int64, until: Int64, names: ResultNames,
    in db: Database, _ visit: (ResultSample) throws -> Void
  ) throws {
    try ResultRollup.forEachRow(
      db.cachedStatement(
        sql: """
          SELECT \(ResultRollup.foldColumns) FROM result_rollups
          WHERE monitor_id = ? AND span = ? AND start >= ? AND start < ?
          ORDER BY start, feature_id, test_id
          """), arguments: [monitorID, span, since, until]
    ) { try visitFold(ResultRollup.Fold(stored: $0), names: names, visit) }
  }

  /// Visits `fold` as a sample named from `names`; a fold of an unknown feature or test id is
  /// skipped.
  private func visitFold(
    _ fold: ResultRollup.Fold, names: ResultNames, _ visit: (ResultSample) throws -> Void
  ) throws {
    guard let feature = names.features[fold.featureID], let test = names.tests[fold.testID]
    else { return }
    try visit(
      ResultSample(
        windowStart: fold.firstWindow, feature: feature, series: fold.series, test: test,
        statistic: fold.statistic, pValue: fold.pValue, threshold: fold.threshold,
        drifted: fold.drifted))
  }

  /// The data-set verdicts of `monitor`'s evaluated windows starting in `[since, until)`,
  /// oldest first: ``datasetHistory(monitor:since:until:driftedOnly:limit:)`` without the
  /// drifted feature names, which cost a second pass over the results that a chart does not
  /// need.
  public func datasetVerdicts(monitor: String, since: Int64, until: Int64)
    throws(StoreError) -> [(window: Window, dataset: DatasetResult)]
  {
    try perform("reading the data-set history of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else {
          return []
        }
        var result: [(window: Window, dataset: DatasetResult)] = []
        let rows = try Row.fetchCursor(
          db, sql: Self.datasetHistorySQL(driftedOnly: false),
          arguments: [monitorID, since, until])
        while let row = try rows.next() {
          guard let dataset = Self.datasetSummary(row, from: 3) else { continue }
          result.append((Window(start: row[1], end: row[2]), dataset))
        }
        return result
      }
    }
  }
}
