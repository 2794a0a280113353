import Testing

@testable import DriftStats

/// The multivariate matrices written straight into their final arrays (chunks in place, the
/// training design over the target's encoded rows, the folds' rows rescaled in one copy), each
/// against the plain construction it replaced: same numbers, bit for bit, at any thread count.
@Suite struct DesignInPlaceTests {
  /// A profile of 20,000 rows (several chunks of ``ChunkedWork/chunkRows``), and its design.
  static let profile: MultivariateProfile = {
    var settings = DriftSettings()
    settings.multivariate.threads = 2
    // The baseline table of the multivariate tests builds; a failure shows in every test below.
    let baseline = try? BaselineProfile(
      table: MultivariateDriftTests.baseline, multivariate: settings.multivariate)
    return baseline!.multivariate!
  }()

  /// The baseline sample's encoded rows again, as a target, with `capacity` reserved.
  static func encodedTarget(capacity: Int) -> DesignMatrix {
    profile.encoding.encode(profile.rawSample, threads: 2, capacity: capacity)
  }

  @Test func encodingIsTheSameInPlaceAtAnyThreadsAndCapacity() {
    let one = Self.profile.encoding.encode(Self.profile.rawSample, threads: 1)
    #expect(one.rows == 20_000)
    for (threads, capacity) in [(2, 0), (4, 0), (2, 3 * one.values.count)] {
      let other = Self.profile.encoding.encode(
        Self.profile.rawSample, threads: threads, capacity: capacity)
      #expect(other.values.capacity >= capacity)
      #expect(other == one && other.values.map(\.bitPattern) == one.values.map(\.bitPattern))
    }
  }

  @Test func projectionIsTheSameAtAnyThreads() {
    let components = Self.profile.components
    let one = components.project(Self.profile.sample, threads: 1)
    let two = components.project(Self.profile.sample, threads: 2)
    #expect(one.scores.count == 20_000 * components.kept && one.errors.count == 20_000)
    #expect(one.scores.map(\.bitPattern) == two.scores.map(\.bitPattern))
    #expect(one.errors.map(\.bitPattern) == two.errors.map(\.bitPattern))
    #expect(one.errors == Self.profile.sampleErrors)
    let empty = components.project(DesignMatrix(rows: 0, columns: components.dimension, values: []))
    #expect(empty.scores.isEmpty && empty.errors.isEmpty)
  }

  @Test func stackedDesignIsTheSameOverChunksAndThreads() {
    let design = ClassifierDesign(profile: Self.profile)
    let side = ClassifierDesign.Side(
      encoded: Self.profile.sample, scores: Self.profile.sampleScores,
      errors: Self.profile.sampleErrors)
    // Rows crossing chunk boundaries on both sides (2 x 9,003 output rows).
    let rows = 1234..<10_237
    let one = design.stacked(side, side, rows: rows, threads: 1)
    let two = design.stacked(side, side, rows: rows, threads: 2)
    let single = (0..<2).flatMap { _ in
      rows.flatMap { row in
        design.stacked(side, side, rows: row..<(row + 1)).values.prefix(design.columnCount)
      }
    }
    #expect(one.values.map(\.bitPattern) == two.values.map(\.bitPattern))
    #expect(one.values.map(\.bitPattern) == single.map(\.bitPattern))
  }

  /// The training design written over the target's rows equals the stacked one, whether the
  /// array has the room reserved, must grow, or is longer than the design; and when the array
  /// is shared the other holder keeps its rows.
  @Test(arguments: [14_000, 300, 2])
  func trainingOverTheTargetEqualsStacked(rows: Int) {
    let design = ClassifierDesign(profile: Self.profile)
    let baseline = ClassifierDesign.Side(
      encoded: Self.profile.sample, scores: Self.profile.sampleScores,
      errors: Self.profile.sampleErrors)
    let projected = Self.profile.components.project(Self.encodedTarget(capacity: 0))
    for capacity in [0, 2 * rows * design.columnCount] {
      var target = Self.encodedTarget(capacity: capacity)
      let original = target
      let shared = capacity == 0 ? original : nil
      let expected = design.stacked(
        baseline,
        ClassifierDesign.Side(
          encoded: target, scores: projected.scores, errors: projected.errors),
        rows: 0..<rows, threads: 1)
      if shared == nil { target = Self.encodedTarget(capacity: capacity) }
      let written = design.stackedTraining(
        baseline, target: &target, scores: projected.scores, errors: projected.errors,
        rows: rows)
      #expect(written.rows == 2 * rows && written.columns == design.columnCount)
      #expect(written.values.map(\.bitPattern) == expected.values.map(\.bitPattern))
      #expect(target.rows == 0 && target.values.isEmpty)
      if let shared { #expect(shared == Self.encodedTarget(capacity: 0)) }
    }
  }

  @Test func foldRowsRescaledInOneCopy() {
    let x = Self.profile.sample
    let scale = (0..<x.columns).map { 0.5 + Double($0) / 7 }
    for rows in [Array(stride(from: 3, to: x.rows, by: 10)), Array(100..<2100), []] {
      let picked = PrincipalComponents.HeldOut.rescaled(x, rows: rows, scale)
      var expected: [Double] = []
      for row in rows {
        for column in 0..<x.columns {
          var value = x.values[row * x.columns + column]
          value *= scale[column]
          expected.append(value)
        }
      }
      #expect(picked.rows == rows.count && picked.columns == x.columns)
      #expect(picked.values.map(\.bitPattern) == expected.map(\.bitPattern))
    }
  }

  @Test(arguments: [1, 3, 7])
  func newtonPassOverStridedRowsEqualsThePassOverTheirCopy(stride: Int) {
    let x = ClassifierLoopTests.matrix(rows: 9000, columns: 6)
    let picked = x.everyRow(stride)
    let labels = (0..<picked.rows).map { Double($0 % 3 == 0 ? 1 : 0) }
    let beta = [0.1, -0.2, 0.05, 0.3, -0.01, 0.02, 0.4]
    for hessian in [false, true] {
      let strided = NewtonPass.run(
        x: x, rowStride: stride, labels: labels, beta: beta, hessian: hessian, threads: 2)
      let copied = NewtonPass.run(
        x: picked, labels: labels, beta: beta, hessian: hessian, threads: 1)
      #expect(strided.loss.bitPattern == copied.loss.bitPattern)
      #expect(strided.gradient.map(\.bitPattern) == copied.gradient.map(\.bitPattern))
      #expect(strided.hessian.map(\.bitPattern) == copied.hessian.map(\.bitPattern))
      #expect(strided.hessian.count == (hessian ? 49 : 0))
    }
  }

  /// The chunks write through raw pointers, so an encoding whose shares do not match its width
  /// (the public initialisers accept any) must trap before writing, not write past its rows.
  @Test func aMismatchedEncodingTrapsBeforeWriting() async {
    await #expect(processExitsWith: .failure) {
      let encoding = MultivariateEncoding(features: [
        FeatureEncoding(name: "c", rule: .categorical(categories: [], shares: [0.3, 0.3, 0.4]))
      ])
      _ = encoding.encode([.categorical([Int32](repeating: 0, count: 5000))], threads: 2)
    }
  }
}

extension DesignMatrix {
  /// Rows 0, `stride`, 2 `stride`, ... copied out: the construction the Newton pass's
  /// `rowStride` replaced, kept here as its reference.
  fileprivate func everyRow(_ stride: Int) -> DesignMatrix {
    var picked = [Double]()
    var count = 0
    for row in Swift.stride(from: 0, to: rows, by: stride) {
      picked.append(contentsOf: values[(row * columns)..<((row + 1) * columns)])
      count += 1
    }
    return DesignMatrix(rows: count, columns: columns, values: picked)
  }
}
