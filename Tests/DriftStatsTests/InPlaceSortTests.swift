import Foundation
import Testing

@testable import DriftStats

/// Numeric columns sorted in their own arrays (``Sorting/sortFinite(inPlace:)`` and the
/// profile and evaluation that take their tables over), against the sorted copies they
/// replace: the same values bit for bit, no fresh array when the column was the only holder,
/// never a change to a column someone else still holds, and the multivariate rows gathered in
/// file order before any sort.
@Suite struct InPlaceSortTests {
  /// The sort's column shapes (NaN, infinities, signed zeros, ties ...), a mostly missing one,
  /// and one with every seventh value missing.
  static let shapes = KeySorterTests.shapes.count + 2

  static func column(_ shape: Int, _ count: Int) -> [Double] {
    if shape < KeySorterTests.shapes.count { return KeySorterTests.column(shape, count) }
    var generator = SplitMix64(seed: UInt64(shape * 31 + count))
    return (0..<count).map { index in
      let value = KeySorterTests.normal(&generator)
      return shape == KeySorterTests.shapes.count
        ? (index % 5 == 0 ? value : .nan) : (index % 7 == 0 ? .nan : value)
    }
  }

  /// Where an array's values are (0 for none).
  static func address(_ values: [Double]) -> Int {
    values.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
  }

  /// Below the radix threshold, at it and above it: the same array as the sorted copy, and the
  /// column's own buffer unless the values left out would leave much of it unused.
  @Test(arguments: 0..<shapes, [0, 1, 17, 2047, 2048, 2049, 60_000])
  func inPlaceEqualsTheSortedCopy(shape: Int, count: Int) {
    var values = Self.column(shape, count)
    let expected = Sorting.sortedFinite(values)
    let before = Self.address(values)
    let capacity = values.capacity
    let (missing, infinite) = Sorting.sortFinite(inPlace: &values)
    #expect(values.map(\.bitPattern) == expected.sorted.map(\.bitPattern), "shape \(shape)")
    #expect(missing == expected.missing && infinite == expected.infinite)
    if values.count >= capacity - capacity / 8 {
      #expect(Self.address(values) == before, "sorted in the column's own buffer")
    } else {
      // The exact copy a profile keeps for a column with many values left out.
      #expect(values.capacity < values.count + values.count / 4 + 8)
    }
  }

  /// A column with spare room (a reader's headroom) is sorted in place, and copied exactly
  /// when the room is more than an eighth.
  @Test func spareRoomIsCopiedAwayOnlyWhenLarge() {
    var tight = Self.column(0, 10_000)
    tight.reserveCapacity(10_500)
    let tightAddress = Self.address(tight)
    _ = Sorting.sortFinite(inPlace: &tight)
    #expect(Self.address(tight) == tightAddress)
    var loose = Self.column(0, 10_000)
    loose.reserveCapacity(20_000)
    let looseAddress = Self.address(loose)
    _ = Sorting.sortFinite(inPlace: &loose)
    #expect(Self.address(loose) != looseAddress && loose.capacity < 12_000)
    let expected = Sorting.sortedFinite(Self.column(0, 10_000)).sorted
    #expect(loose.map(\.bitPattern) == expected.map(\.bitPattern))
  }

  /// An array still held elsewhere is copied before the sort: the other holder sees no change.
  @Test func sharedArrayIsNotChanged() {
    let original = Self.column(KeySorterTests.shapes.count + 1, 60_000)
    let bits = original.map(\.bitPattern)
    var shared = original
    _ = Sorting.sortFinite(inPlace: &shared)
    #expect(original.map(\.bitPattern) == bits)
    #expect(shared.map(\.bitPattern) == Sorting.sortedFinite(original).sorted.map(\.bitPattern))
    let sample = NumericSample(taking: original)
    #expect(original.map(\.bitPattern) == bits)
    #expect(sample == NumericSample(values: original))
  }

  /// Items handed over by the parallel map are each iteration's alone: changed in place in
  /// their own buffers, while items the caller still holds are copied first.
  @Test func parallelMapHandsItemsOver() {
    for threads in [nil, 1, 2] as [Int?] {
      let make = { (0..<6).map { Self.column(0, 5000 + $0) } }
      var items = make()
      let addresses = items.map(Self.address)
      let changed = Parallel.map(taking: consume items, threads: threads) { item in
        item.withUnsafeMutableBufferPointer { $0[0] = -1 }
        return Self.address(item)
      }
      #expect(changed == addresses, "threads \(String(describing: threads))")
      items = make()
      let kept = items
      let copies = Parallel.map(taking: items, threads: threads) { item in
        item.withUnsafeMutableBufferPointer { $0[0] = -1 }
        return Self.address(item)
      }
      #expect(kept.map { $0.map(\.bitPattern) } == make().map { $0.map(\.bitPattern) })
      #expect(zip(copies, kept.map(Self.address)).allSatisfy { $0 != $1 })
    }
  }

  /// Four numeric features (one mostly missing, one with infinities) and a categorical one, in
  /// an order the sort changes.
  static func table(rows: Int, seed: UInt64) -> Table {
    var generator = SplitMix64(seed: seed)
    func numeric(_ name: String, _ value: (Int) -> Double) -> Column {
      Column(
        name: name, kind: .numeric,
        values: .numeric(NumericColumn(values: (0..<rows).map(value))))
    }
    let x = (0..<rows).map { _ in KeySorterTests.normal(&generator) }
    let codes = (0..<rows).map { _ in Int32(generator.next() % 5) - 1 }
    return Table(
      columns: [
        numeric("x") { x[$0] },
        numeric("y") { 0.6 * x[$0] + KeySorterTests.normal(&generator) },
        numeric("sparse") { $0 % 6 == 0 ? Double($0 % 97) : .nan },
        numeric("wide") { $0 % 50 == 0 ? (x[$0] > 0 ? .infinity : -.infinity) : exp(x[$0]) },
        Column(
          name: "kind", kind: .categorical,
          values: .categorical(CategoricalColumn(codes: codes, categories: ["a", "b", "c", "d"]))),
      ],
      rowCount: rows)
  }

  static func numericValues(_ table: Table) -> [[Double]] {
    table.columns.compactMap { column in
      guard case .numeric(let numeric) = column.values else { return nil }
      return numeric.values
    }
  }

  static func sortedValues(_ profile: BaselineProfile) -> [[Double]] {
    profile.features.compactMap { feature in
      guard case .numeric(let numeric) = feature.distribution else { return nil }
      return numeric.sample.sorted
    }
  }

  static var settings: MultivariateSettings {
    var settings = MultivariateSettings()
    settings.maxRows = 3000
    settings.threads = 2
    return settings
  }

  /// The profile that takes its table over equals the one that copies, byte for byte (sorted
  /// values, counts and the multivariate rows), and keeps the columns' own buffers (the
  /// mostly missing one gets its exact copy).
  @Test func takenProfileEqualsCopiedProfileInTheColumnsOwnBuffers() throws {
    let expected = try BaselineProfile(
      table: Self.table(rows: 20_000, seed: 3), multivariate: Self.settings)
    let table = Self.table(rows: 20_000, seed: 3)
    let addresses = Self.numericValues(table).map(Self.address)
    let taken = try BaselineProfile(taking: consume table, multivariate: Self.settings)
    #expect(taken.encoded() == expected.encoded())
    #expect(
      taken.features.map(\.numericSummary) == expected.features.map(\.numericSummary))
    let kept = Self.sortedValues(taken).map(Self.address)
    #expect(kept[0] == addresses[0] && kept[1] == addresses[1] && kept[3] == addresses[3])
    #expect(kept[2] != addresses[2])
  }

  /// The multivariate sample holds the baseline's rows as read, at the seeded indices: gathered
  /// before the columns are sorted (a sort first would put sorted values in these rows).
  @Test func multivariateSampleIsGatheredFromTheRowsAsRead() throws {
    let original = Self.numericValues(Self.table(rows: 20_000, seed: 4))
    let profile = try BaselineProfile(
      taking: Self.table(rows: 20_000, seed: 4), multivariate: Self.settings)
    var generator = SeededGenerator(
      seed: Self.settings.seed, stream: MultivariateProfile.baselineStream)
    let indices = generator.sample(population: 20_000, count: Self.settings.maxRows)
    let sample = try #require(profile.multivariate?.rawSample)
    for (feature, values) in original.enumerated() {
      guard case .numeric(let rows) = sample[feature] else {
        Issue.record("feature \(feature) is not numeric in the sample")
        continue
      }
      #expect(rows.map(\.bitPattern) == indices.map { values[$0].bitPattern })
    }
  }

  /// A table the caller still holds (used twice, or kept for calibration) is copied on write:
  /// it is not changed, and both profiles and both reports are the same.
  @Test func sharedTablesAreNotChanged() throws {
    let baseline = Self.table(rows: 20_000, seed: 5)
    let target = Self.table(rows: 8000, seed: 6)
    let bits = (Self.numericValues(baseline) + Self.numericValues(target)).map {
      $0.map(\.bitPattern)
    }
    let first = try BaselineProfile(taking: baseline, multivariate: Self.settings)
    let second = try BaselineProfile(taking: baseline, multivariate: Self.settings)
    #expect(first.encoded() == second.encoded())
    var settings = DriftSettings()
    settings.multivariate = Self.settings
    let one = try Evaluator.evaluate(profile: first, taking: target, settings: settings)
    let two = try Evaluator.evaluate(profile: first, taking: target, settings: settings)
    #expect(Self.bits(one) == Self.bits(two))
    #expect(
      (Self.numericValues(baseline) + Self.numericValues(target)).map { $0.map(\.bitPattern) }
        == bits)
    // Calibration reads the kept table's chunks after the profile was taken from a copy.
    let calibrating = DriftSettings(
      calibration: CalibrationSettings(selection: .all, chunkRows: 4000))
    var calibrated = first
    calibrated.calibration = BaselineCalibration(
      table: baseline, profile: first, settings: calibrating, chunkRows: 4000)
    var reference = try BaselineProfile(
      table: Self.table(rows: 20_000, seed: 5), multivariate: Self.settings)
    reference.calibration = BaselineCalibration(
      table: Self.table(rows: 20_000, seed: 5), profile: reference, settings: calibrating,
      chunkRows: 4000)
    #expect(calibrated.calibration?.entries.isEmpty == false)
    #expect(calibrated.encoded() == reference.encoded())
  }

  /// The evaluation that takes its target over reports what the copying one reports, bit for
  /// bit, the drift magnitude and reconstruction included (their rows are gathered before the
  /// target's columns are sorted), at any thread count.
  @Test(arguments: [1, 2, 4])
  func takenEvaluationEqualsCopiedEvaluation(threads: Int) throws {
    var multivariate = Self.settings
    multivariate.threads = threads
    let profile = try BaselineProfile(
      taking: Self.table(rows: 20_000, seed: 7), multivariate: multivariate)
    var settings = DriftSettings()
    settings.multivariate = multivariate
    let expected = try Evaluator.evaluate(
      profile: profile, target: Self.table(rows: 9000, seed: 8), settings: settings)
    let taken = try Evaluator.evaluate(
      profile: profile, taking: Self.table(rows: 9000, seed: 8), settings: settings)
    #expect(expected.dataset.magnitude != nil && expected.dataset.reconstruction != nil)
    #expect(Self.bits(taken) == Self.bits(expected))
  }

  /// Every number of a report as bit patterns: each test's statistic and p-values, each side's
  /// summary, and the multivariate measures.
  static func bits(_ report: DriftReport) -> [UInt64] {
    var values = [Double]()
    for feature in report.features {
      for test in feature.tests {
        values += [test.statistic ?? .nan, test.pValue ?? .nan, test.adjustedPValue ?? .nan]
        values.append(test.drifted ? 1 : 0)
      }
      for side in [feature.baseline, feature.target] {
        if case .numeric(let summary) = side {
          values += [summary.mean ?? .nan, summary.std ?? .nan, summary.p50 ?? .nan]
          values += [Double(summary.count), Double(summary.missing), Double(summary.infinite)]
        }
      }
      values.append(feature.outsideBaselineShare)
    }
    return values.map(\.bitPattern) + MultivariateDriftTests.bits(report)
  }
}

extension FeatureProfile {
  /// The numeric summary, for comparing profiles (`nil` for a categorical feature).
  fileprivate var numericSummary: NumericSummary? {
    guard case .numeric(let numeric) = distribution else { return nil }
    return numeric.summary
  }
}
