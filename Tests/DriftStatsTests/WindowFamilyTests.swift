import Testing

@testable import DriftStats

/// Which p-values make up the window's one multiple-testing family.
@Suite struct WindowFamilyTests {
  /// One numeric feature `x`: a seeded bell shape shifted by `shift`, with `missing` NaN rows.
  static func table(rows: Int, seed: UInt64, shift: Double, missing: Int) -> Table {
    var generator = SplitMix64(seed: seed)
    var values = (0..<rows).map { _ in
      (0..<4).map { _ in Double(generator.next() % 1_000_000) / 1_000_000 }.reduce(0, +) + shift
    }
    for index in 0..<missing { values[index] = .nan }
    return Table(
      columns: [Column(name: "x", kind: .numeric, values: .numeric(NumericColumn(values: values)))],
      rowCount: rows)
  }

  @Test("missing_rate with no missing value on either side is left out of the family")
  func degenerateMissingRateLeavesTheFamily() throws {
    let profile = try BaselineProfile(
      table: Self.table(rows: 4000, seed: 1, shift: 0, missing: 0))
    var settings = DriftSettings(numericTests: [.ks, .missingRate])
    // Plain Benjamini-Hochberg (`test_weights: equal`), so the family's size shows directly.
    settings.testWeights = [:]
    // No missing value anywhere: missing_rate cannot reject, the family is ks alone.
    let clean = try Evaluator.evaluate(
      profile: profile, target: Self.table(rows: 400, seed: 2, shift: 0.1, missing: 0),
      settings: settings)
    let ks = try #require(clean.features[0].tests.first { $0.test == .ks })
    let missing = try #require(clean.features[0].tests.first { $0.test == .missingRate })
    let p = try #require(ks.pValue)
    #expect(p < 0.5)
    #expect(ks.adjustedPValue == p)
    #expect(missing.pValue == 1 && missing.adjustedPValue == 1 && !missing.drifted)
    // One missing value in the target: missing_rate is a real test again and counts (BH over 2).
    let gappy = try Evaluator.evaluate(
      profile: profile, target: Self.table(rows: 400, seed: 2, shift: 0.1, missing: 1),
      settings: settings)
    let ks2 = try #require(gappy.features[0].tests.first { $0.test == .ks })
    let missing2 = try #require(gappy.features[0].tests.first { $0.test == .missingRate })
    let p2 = try #require(ks2.pValue)
    let q2 = try #require(missing2.pValue)
    #expect(q2 < 1)
    let expected = p2 < q2 ? min(2 * p2, q2) : min(2 * q2, p2)
    let adjusted = try #require(p2 < q2 ? ks2.adjustedPValue : missing2.adjustedPValue)
    #expect(abs(adjusted - expected) <= 1e-15 * max(1, expected))
  }
}
