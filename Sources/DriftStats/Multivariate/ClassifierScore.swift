/// How well scores separate two classes: ROC AUC and the Matthews correlation coefficient.
public enum ClassifierScore {
  /// ROC AUC: the probability that a random positive scores above a random negative, ties
  /// counting one half (the Mann-Whitney statistic from midranks).
  ///
  /// - Parameters:
  ///   - scores: One score per row; higher means "positive".
  ///   - labels: 1 (positive) or 0 per row.
  /// - Returns: The AUC, or `nil` when a class is absent.
  public static func auc(scores: [Double], labels: [Double]) -> Double? {
    precondition(scores.count == labels.count, "one label per score")
    let positives = labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else { return nil }
    // Sorting by (score, index) makes the order, hence the sums, independent of the sort routine.
    let order = scores.indices.sorted {
      scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1
    }
    var rankSum = 0.0
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
      // Ranks start .. end-1 (1-based: start+1 ... end) share their mean.
      let midrank = Double(start + 1 + end) / 2
      for position in start..<end where labels[order[position]] == 1 { rankSum += midrank }
      start = end
    }
    let n1 = Double(positives)
    return (rankSum - n1 * (n1 + 1) / 2) / (n1 * Double(negatives))
  }

  /// The Matthews correlation coefficient of predicted against true labels; 0 when a row or column
  /// of the confusion matrix is empty (scikit-learn's convention, and its arithmetic).
  public static func mcc(predicted: [Bool], labels: [Double]) -> Double {
    precondition(predicted.count == labels.count, "one label per prediction")
    var tp = 0.0
    var tn = 0.0
    var fp = 0.0
    var fn = 0.0
    for (guess, label) in zip(predicted, labels) {
      switch (guess, label == 1) {
      case (true, true): tp += 1
      case (false, false): tn += 1
      case (true, false): fp += 1
      case (false, true): fn += 1
      }
    }
    // Confusion matrix C[true][predicted], classes 0 then 1, as sklearn computes it.
    let trueSums = (tn + fp, fn + tp)
    let predictedSums = (tn + fn, fp + tp)
    let correct = tn + tp
    let samples = predictedSums.0 + predictedSums.1
    let covTruePredicted =
      correct * samples - (trueSums.0 * predictedSums.0 + trueSums.1 * predictedSums.1)
    let covPredicted =
      samples * samples - (predictedSums.0 * predictedSums.0 + predictedSums.1 * predictedSums.1)
    let covTrue = samples * samples - (trueSums.0 * trueSums.0 + trueSums.1 * trueSums.1)
    let product = covPredicted * covTrue
    return product == 0 ? 0 : covTruePredicted / product.squareRoot()
  }
}
