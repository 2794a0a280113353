import Foundation
import Testing

@testable import DriftStats

/// The domain classifier's loops that work through unsafe buffers (the stacked design, column
/// selection in place, column spreads, the Newton pass, sigmoid and softplus from one `exp`), each
/// against a plain array-indexing derivation written here: same numbers, bit for bit.
@Suite struct ClassifierLoopTests {
  /// A reproducible matrix with a constant column (index 2) and values of mixed scale.
  static func matrix(rows: Int, columns: Int) -> DesignMatrix {
    var generator = SeededGenerator(seed: 11, stream: 5)
    var values: [Double] = []
    for _ in 0..<rows {
      for column in 0..<columns {
        let uniform = Double(generator.next() >> 11) / Double(1 << 53)
        values.append(column == 2 ? 3.25 : (uniform - 0.3) * Double(column + 1) * 7)
      }
    }
    return DesignMatrix(rows: rows, columns: columns, values: values)
  }

  @Test func sigmoidAndSoftplusMatchTheirOwnFunctions() {
    var etas: [Double] = [0, -0.0, 1e-300, -1e-300, 709, -745, 800, -800, .nan, .infinity]
    var generator = SeededGenerator(seed: 3, stream: 1)
    for _ in 0..<20_000 {
      etas.append((Double(generator.next() >> 11) / Double(1 << 53) - 0.5) * 80)
    }
    for eta in etas {
      let (mu, soft) = sigmoidAndSoftplus(eta)
      #expect(mu.bitPattern == sigmoid(eta).bitPattern || (mu.isNaN && sigmoid(eta).isNaN))
      #expect(soft.bitPattern == softplus(eta).bitPattern || (soft.isNaN && softplus(eta).isNaN))
    }
  }

  @Test func keepColumnsKeepsTheGivenColumnsInPlace() {
    let x = Self.matrix(rows: 37, columns: 6)
    for columns in [[0, 3, 4, 5], [1], [0, 1, 2, 3, 4, 5], [], [5]] {
      var picked = x
      MultivariateEvaluation.keepColumns(&picked, columns)
      var expected: [Double] = []
      for row in 0..<x.rows {
        for column in columns { expected.append(x.values[row * x.columns + column]) }
      }
      #expect(picked.rows == x.rows && picked.columns == columns.count)
      #expect(picked.values.map(\.bitPattern) == expected.map(\.bitPattern))
    }
  }

  @Test func spreadAndShiftMatchRowByRowSums() {
    for rows in [1, 2, 9, 40] {
      let x = Self.matrix(rows: rows, columns: 5)
      let (std, shift) = MultivariateEvaluation.columnSpreadAndShift(x)
      let d = x.columns
      let half = x.rows / 2
      var first = [Double](repeating: 0, count: d)
      var second = [Double](repeating: 0, count: d)
      for row in 0..<x.rows {
        for column in 0..<d {
          if row < half {
            first[column] += x.values[row * d + column]
          } else {
            second[column] += x.values[row * d + column]
          }
        }
      }
      let count = Double(max(x.rows, 1))
      let means = (0..<d).map { (first[$0] + second[$0]) / count }
      var squares = [Double](repeating: 0, count: d)
      for row in 0..<x.rows {
        for column in 0..<d {
          let deviation = x.values[row * d + column] - means[column]
          squares[column] += deviation * deviation
        }
      }
      let expectedShift = (0..<d).map {
        second[$0] / Double(max(x.rows - half, 1)) - first[$0] / Double(max(half, 1))
      }
      #expect(std.map(\.bitPattern) == squares.map { ($0 / count).squareRoot().bitPattern })
      #expect(shift.map(\.bitPattern) == expectedShift.map(\.bitPattern))
      #expect(std[2] == 0)
    }
  }

  @Test func newtonPassMatchesAPlainLoop() {
    let x = Self.matrix(rows: 300, columns: 4)
    let labels = (0..<x.rows).map { Double($0 % 3 == 0 ? 1 : 0) }
    let beta = [0.1, -0.02, 0.03, 0.2, -0.05]
    let pass = NewtonPass.chunk(x: x, labels: labels, beta: beta, range: 17..<250, hessian: true)
    var loss = 0.0
    var gradient = [Double](repeating: 0, count: 5)
    for index in 17..<250 {
      var eta = beta[0]
      for j in 0..<4 { eta += beta[j + 1] * x.values[index * 4 + j] }
      let mu = sigmoid(eta)
      loss += softplus(eta) - labels[index] * eta
      gradient[0] += mu - labels[index]
      for j in 0..<4 { gradient[j + 1] += (mu - labels[index]) * x.values[index * 4 + j] }
    }
    #expect(pass.loss.bitPattern == loss.bitPattern)
    #expect(pass.gradient.map(\.bitPattern) == gradient.map(\.bitPattern))
    #expect(pass.hessian.count == 25 && pass.hessian[0] > 0)
  }

  @Test func stackedDesignMatchesAppendedRows() throws {
    var settings = DriftSettings()
    settings.multivariate.threads = 1
    let profile = try BaselineProfile(
      table: MultivariateDriftTests.baseline, multivariate: settings.multivariate)
    let multivariate = try #require(profile.multivariate)
    let design = ClassifierDesign(profile: multivariate)
    let side = ClassifierDesign.Side(
      encoded: multivariate.sample, scores: multivariate.sampleScores,
      errors: multivariate.sampleErrors)
    let rows = 5..<60
    let stacked = design.stacked(side, side, rows: rows)
    var expected: [Double] = []
    for _ in 0..<2 {
      let d = side.encoded.columns
      for row in rows {
        expected.append(contentsOf: side.encoded.values[(row * d)..<((row + 1) * d)])
        var rest = 0.0
        for component in 0..<design.kept {
          let score = side.scores[row * design.kept + component]
          let squared = score * score / design.variances[component]
          if component < design.single { expected.append(squared) } else { rest += squared }
        }
        if design.hasRest { expected.append(rest) }
        expected.append(side.errors[row] * side.errors[row] / design.errorScale)
      }
    }
    #expect(stacked.rows == 2 * rows.count && stacked.columns == design.columnCount)
    #expect(stacked.values.map(\.bitPattern) == expected.map(\.bitPattern))
  }
}
