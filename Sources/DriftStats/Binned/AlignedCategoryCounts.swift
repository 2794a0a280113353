/// Category counts of a baseline and a target column, aligned by label over their union.
///
/// Categories are ordered as the baseline lists them, then the categories only the target has,
/// in the target's order. Missing values are not counted here (``MissingRate`` tests them).
/// Baseline categories that no row uses are kept with count 0; the tests drop empty columns.
public struct AlignedCategoryCounts: Sendable, Equatable {
  /// The union of category labels: baseline categories first, then target-only ones.
  public let labels: [String]
  /// Baseline rows per label (0 for every target-only label).
  public let baseline: [Int]
  /// Target rows per label.
  public let target: [Int]
  /// Target rows whose category the baseline never lists ("categories unseen in the baseline").
  public let unseenInBaseline: Int

  /// Aligns two dictionary-encoded columns by their labels.
  ///
  /// - Parameters:
  ///   - baseline: The reference column.
  ///   - target: The column compared with it.
  public init(baseline: CategoricalColumn, target: CategoricalColumn) {
    var labels = baseline.categories
    var index = [String: Int](minimumCapacity: labels.count + target.categories.count)
    for (position, label) in labels.enumerated() where index[label] == nil {
      index[label] = position
    }
    let baselineKnown = labels.count
    // Where each target code lands in the union.
    var targetPosition = [Int]()
    targetPosition.reserveCapacity(target.categories.count)
    for label in target.categories {
      if let position = index[label] {
        targetPosition.append(position)
      } else {
        index[label] = labels.count
        targetPosition.append(labels.count)
        labels.append(label)
      }
    }
    let baselineCounts = baseline.counts().perCategory
    let targetCounts = target.counts().perCategory
    var alignedBaseline = [Int](repeating: 0, count: labels.count)
    alignedBaseline.replaceSubrange(0..<baselineKnown, with: baselineCounts)
    var alignedTarget = [Int](repeating: 0, count: labels.count)
    var unseen = 0
    for (code, count) in targetCounts.enumerated() {
      let position = targetPosition[code]
      alignedTarget[position] += count
      if position >= baselineKnown { unseen += count }
    }
    self.labels = labels
    self.baseline = alignedBaseline
    self.target = alignedTarget
    self.unseenInBaseline = unseen
  }
}
