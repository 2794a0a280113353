import Testing

@testable import DriftStats

/// The reconstruction band compares held-out errors: components reconstruct the rows they were
/// fitted on better than new rows, most of all when directions of equal variance compete for a
/// place among the kept components (the one-hot columns of equally likely categories).
@Suite struct ReconstructionBandTests {
  /// Rows of independent standard normal columns: every direction has variance 1, so which half
  /// a fit keeps is decided by the sample's noise alone.
  static func rows(_ count: Int, columns: Int, seed: UInt64) -> DesignMatrix {
    var generator = SeededGenerator(seed: seed, stream: 7)
    return DesignMatrix(
      rows: count, columns: columns,
      values: (0..<(count * columns)).map { _ in generator.normal() })
  }

  /// Ten fresh windows as large as the baseline sample: against in-sample errors (the old band)
  /// nearly every one leaves the band; against held-out errors through the same fold
  /// components at most one does (3 standard errors: 0.3 % each).
  @Test func freshRowsStayInTheHeldOutBand() throws {
    let baseline = Self.rows(4000, columns: 20, seed: 1)
    let full = try PrincipalComponents.fit(baseline, varianceShare: 0.5)
    let heldOut = try PrincipalComponents.heldOut(baseline, kept: full.kept)
    #expect(heldOut.folds.count == PrincipalComponents.heldOutFolds)
    #expect(heldOut.folds.allSatisfy { $0.kept == full.kept })
    #expect(heldOut.errors.count == baseline.rows)
    let inSample = full.project(baseline).errors
    let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
    // In-sample errors are biased low; held-out ones are not.
    #expect(mean(inSample) < mean(heldOut.errors))
    var oldFired = 0
    var newFired = 0
    for window in 0..<10 {
      let target = Self.rows(4000, columns: 20, seed: 100 + UInt64(window))
      let old = ReconstructionDrift.band(
        targetErrors: full.project(target).errors, baselineErrors: inSample,
        components: full.kept, sigma: 3)
      let new = ReconstructionDrift.band(
        targetErrors: heldOut.errors(of: target), baselineErrors: heldOut.errors,
        components: full.kept, sigma: 3)
      if old.drifted { oldFired += 1 }
      if new.drifted { newFired += 1 }
    }
    #expect(oldFired >= 8)
    #expect(newFired <= 1)
  }

  /// A held-out fold's components equal a plain fit of the other folds' rows after
  /// standardising each column with their mean and standard deviation (ddof 1), the fold's rows
  /// standardised likewise (same subspace: compared through the fold rows' errors).
  @Test func foldComponentsAreAFitWithoutTheFold() throws {
    let sample = Self.rows(200, columns: 6, seed: 3)
    let heldOut = try PrincipalComponents.heldOut(sample, kept: 2, folds: 4)
    let rest = Array(sample.values[(50 * 6)...])
    var means = [Double](repeating: 0, count: 6)
    var sds = [Double](repeating: 0, count: 6)
    for j in 0..<6 {
      let column: [Double] = stride(from: j, to: rest.count, by: 6).map { rest[$0] }
      let mean = column.reduce(0, +) / 150
      let squares: Double = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      means[j] = mean
      sds[j] = (squares / 149).squareRoot()
    }
    func standardised(_ values: ArraySlice<Double>) -> [Double] {
      values.enumerated().map { index, value in (value - means[index % 6]) / sds[index % 6] }
    }
    let direct = try PrincipalComponents.fit(
      DesignMatrix(rows: 150, columns: 6, values: standardised(rest[...])), varianceShare: 1)
    let two = PrincipalComponents(
      dimension: 6, mean: direct.mean, explainedVarianceRatio: direct.explainedVarianceRatio,
      variances: Array(direct.variances.prefix(2)), kept: 2,
      components: (0..<6).flatMap { i in (0..<2).map { c in direct.components[i * 6 + c] } })
    let fold = DesignMatrix(
      rows: 50, columns: 6, values: standardised(sample.values[0..<(50 * 6)]))
    let expected = two.project(fold).errors
    #expect(heldOut.errors.count == 200)
    for (a, b) in zip(heldOut.errors.prefix(50), expected) { #expect(abs(a - b) < 1e-9) }
  }
}
