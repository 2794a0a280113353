import Foundation
import Testing

@testable import DriftStats

/// scikit-learn's and numpy's answers for the multivariate measures, written by
/// scripts/golden/multivariate.py.
struct MultivariateGolden: Decodable {
  struct Logistic: Decodable, CustomTestStringConvertible, Sendable {
    var name: String
    var penalty: Double
    var xTrain: [[Double]]
    var yTrain: [Double]
    var xTest: [[Double]]
    var yTest: [Double]
    var coefficients: [Double]
    var auc: Double
    var mcc: Double
    var testDescription: String { name }
  }

  struct PCA: Decodable, CustomTestStringConvertible, Sendable {
    var name: String
    var varianceShare: Double
    var x: [[Double]]
    var target: [[Double]]
    var explainedVarianceRatio: [Double]
    var kept: Int
    var errors: [Double]
    var targetErrors: [Double]
    var testDescription: String { name }
  }

  var logistic: [Logistic]
  var pca: [PCA]

  /// The script writes snake_case keys.
  static let decoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return decoder
  }()

  static let shared = GoldenFile.load(MultivariateGolden.self, "multivariate", decoder: decoder)
}

@Suite struct MultivariateGoldenTests {
  /// Coefficients within 1e-6 absolute (they are of order 0.01 to 10), AUC within 1e-6 absolute,
  /// MCC exactly (the same confusion matrix and scikit-learn's arithmetic).
  @Test(arguments: MultivariateGolden.shared.logistic)
  func logisticRegressionMatchesScikitLearn(_ golden: MultivariateGolden.Logistic) throws {
    let model = try LogisticRegression.fit(
      DesignMatrix(rowArrays: golden.xTrain), labels: golden.yTrain, penalty: golden.penalty)
    #expect(model.coefficients.count == golden.coefficients.count)
    for (mine, reference) in zip(model.coefficients, golden.coefficients) {
      #expect(abs(mine - reference) <= 1e-6, "\(mine) vs \(reference)")
    }
    let scores = model.decision(DesignMatrix(rowArrays: golden.xTest))
    let auc = try #require(ClassifierScore.auc(scores: scores, labels: golden.yTest))
    #expect(abs(auc - golden.auc) <= 1e-6)
    #expect(
      ClassifierScore.mcc(predicted: scores.map { $0 > 0 }, labels: golden.yTest) == golden.mcc)
  }

  /// Explained variance shares and reconstruction errors within 1e-9 absolute. Eigenvectors are
  /// compared through the reconstructions they give (their signs are arbitrary).
  @Test(arguments: MultivariateGolden.shared.pca)
  func principalComponentsMatchNumpy(_ golden: MultivariateGolden.PCA) throws {
    let pca = try PrincipalComponents.fit(
      DesignMatrix(rowArrays: golden.x), varianceShare: golden.varianceShare)
    #expect(pca.kept == golden.kept)
    for (mine, reference) in zip(pca.explainedVarianceRatio, golden.explainedVarianceRatio) {
      #expect(abs(mine - reference) <= 1e-9)
    }
    let errors = pca.reconstructionErrors(DesignMatrix(rowArrays: golden.x))
    let targetErrors = pca.reconstructionErrors(DesignMatrix(rowArrays: golden.target))
    #expect(errors.count == golden.errors.count)
    #expect(zip(errors, golden.errors).allSatisfy { abs($0 - $1) <= 1e-9 })
    #expect(zip(targetErrors, golden.targetErrors).allSatisfy { abs($0 - $1) <= 1e-9 })
  }

  /// The AUC by midranks against a hand count over every pair, with ties.
  @Test func aucCountsTiesAsHalf() throws {
    let scores = [0.1, 0.4, 0.4, 0.8, 0.4, 0.9]
    let labels = [0.0, 0, 1, 1, 1, 0]
    var wins = 0.0
    for i in scores.indices where labels[i] == 1 {
      for j in scores.indices where labels[j] == 0 {
        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0
      }
    }
    #expect(try #require(ClassifierScore.auc(scores: scores, labels: labels)) == wins / 9)
    #expect(ClassifierScore.auc(scores: [1, 2], labels: [1, 1]) == nil)
  }

  /// MCC of a hand-made confusion matrix: tp 3, tn 2, fp 1, fn 1.
  @Test func mccOfAKnownConfusionMatrix() {
    let predicted = [true, true, true, true, false, false, false]
    let labels = [1.0, 1, 1, 0, 0, 0, 1]
    let covariance: Double = 3 * 2 - 1 * 1
    let margins: Double = 4 * 3 * 4 * 3  // (tp+fp)(tp+fn)(tn+fp)(tn+fn)
    let expected = covariance / margins.squareRoot()
    #expect(abs(ClassifierScore.mcc(predicted: predicted, labels: labels) - expected) < 1e-15)
    #expect(ClassifierScore.mcc(predicted: [true, true], labels: [1, 0]) == 0)
  }
}
