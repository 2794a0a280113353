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
  /// Target rows whose category no baseline row holds ("categories unseen in the baseline").
  public let unseenInBaseline: Int

  /// Aligns two dictionary-encoded columns by their labels.
  ///
  /// - Parameters:
  ///   - baseline: The reference column.
  ///   - target: The column compared with it.
  public init(baseline: CategoricalColumn, target: CategoricalColumn) {
    self.init(baseline: CategoryCounts(column: baseline), target: CategoryCounts(column: target))
  }

  /// Aligns two sets of category counts (a baseline profile's and a target's) by their labels.
  public init(baseline: CategoryCounts, target: CategoryCounts) {
    var labels = baseline.labels
    var index = [String: Int](minimumCapacity: labels.count + target.labels.count)
    for (position, label) in labels.enumerated() where index[label] == nil {
      index[label] = position
    }
    var alignedBaseline = baseline.counts
    var alignedTarget = [Int](repeating: 0, count: labels.count)
    var unseen = 0
    for (label, count) in zip(target.labels, target.counts) {
      if let position = index[label] {
        alignedTarget[position] += count
      } else {
        index[label] = labels.count
        labels.append(label)
        alignedBaseline.append(0)
        alignedTarget.append(count)
      }
    }
    // Unseen: labels with no baseline row, whether the baseline lists them or not.
    for (baselineCount, targetCount) in zip(alignedBaseline, alignedTarget) where baselineCount == 0
    {
      unseen += targetCount
    }
    self.labels = labels
    self.baseline = alignedBaseline
    self.target = alignedTarget
    self.unseenInBaseline = unseen
  }
}
