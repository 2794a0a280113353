import Testing

@testable import DriftStats

@Suite struct BinnedDistributionTests {
  /// The bin of a value counted the slow way: how many edges lie at or below it
  /// (numpy.searchsorted(edges, value, side="right")), independent of QuantileBins' merge.
  static func bruteForceCounts(_ values: [Double], edges: [Double]) -> [Int] {
    var counts = [Int](repeating: 0, count: edges.count + 1)
    for value in values where value.isFinite {
      counts[edges.filter { $0 <= value }.count] += 1
    }
    return counts
  }

  @Test func numericTargetIsCountedOnTheBaselineBins() throws {
    let baseline = HostileTable.table(rows: 4000, seed: 7, shift: 0)
    var target = HostileTable.table(rows: 1500, seed: 8, shift: 2.5)
    // Missing and infinite target values land in the missing bin.
    if case .numeric(var column) = target.columns[0].values {
      column.values[0] = .nan
      column.values[1] = .infinity
      target.columns[0].values = .numeric(column)
    }
    let profile = try BaselineProfile(table: baseline)
    let report = try Evaluator.evaluate(profile: profile, target: target, settings: DriftSettings())
    let distribution = try #require(report.features[0].distribution)
    guard case .numeric(let numeric) = profile.features[0].distribution,
      let bins = numeric.bins, case .numeric(let targetColumn) = target.columns[0].values,
      case .numeric(let baselineColumn) = baseline.columns[0].values
    else {
      Issue.record("expected a numeric feature with bins")
      return
    }
    let ranges = distribution.bins.filter { $0.role == .range }
    #expect(ranges.map(\.target) == Self.bruteForceCounts(targetColumn.values, edges: bins.edges))
    #expect(
      ranges.map(\.baseline) == Self.bruteForceCounts(baselineColumn.values, edges: bins.edges))
    #expect(ranges.count == 10)
    #expect(ranges.first?.lower == nil && ranges.last?.upper == nil)
    #expect(ranges[1].lower == bins.edges[0] && ranges[1].upper == bins.edges[1])
    let missing = try #require(distribution.bins.last)
    #expect(missing.role == .missing && missing.target == 2 && missing.baseline == 0)
    #expect(abs(distribution.baselineShares.reduce(0, +) - 1) < 1e-12)
    #expect(abs(distribution.targetShares.reduce(0, +) - 1) < 1e-12)
  }

  @Test func categoricalKeepsTopCategoriesThenOtherUnseenMissing() {
    let labels = (0..<15).map { "c\($0)" }
    // c0 has 15 rows, c1 14, ... c14 1; c3 and c4 tie-break by label when equal counts appear.
    let baseline = CategoryCounts(labels: labels, counts: (0..<15).map { 15 - $0 }, missing: 4)
    let target = CategoryCounts(
      labels: ["c14", "new", "c0", "c13"], counts: [5, 7, 2, 1], missing: 0)
    let distribution = BinnedDistribution.categorical(baseline: baseline, target: target)
    let roles = distribution.bins.map(\.role)
    #expect(roles.prefix(12).allSatisfy { $0 == .category })
    #expect(Array(roles.dropFirst(12)) == [.otherCategories, .unseen, .missing])
    #expect(distribution.bins.prefix(12).map(\.label) == Array(labels.prefix(12)))
    #expect(distribution.bins[0].target == 2)
    // c12, c13, c14 (3 + 2 + 1 baseline rows) fall in "other"; c13 and c14 hold 6 target rows.
    #expect(distribution.bins[12].baseline == 6 && distribution.bins[12].target == 6)
    #expect(distribution.bins[13].baseline == 0 && distribution.bins[13].target == 7)
    #expect(distribution.bins[14].baseline == 4 && distribution.bins[14].target == 0)
    #expect(distribution.baselineTotal == baseline.total)
    #expect(distribution.targetTotal == target.total)
  }

  @Test func emptyBinsOutsideTheRangesAreLeftOut() {
    let baseline = CategoryCounts(labels: ["a", "b"], counts: [3, 1], missing: 0)
    let target = CategoryCounts(labels: ["b"], counts: [2], missing: 0)
    let distribution = BinnedDistribution.categorical(baseline: baseline, target: target)
    #expect(distribution.bins.map(\.label) == ["a", "b"])
    #expect(distribution.targetShares == [0, 1])
  }
}
