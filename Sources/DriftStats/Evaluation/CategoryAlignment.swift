/// Baseline and target category counts laid over one list of labels.
///
/// Baseline labels come first, in baseline order; labels only the target has follow in target
/// order, with a baseline count of zero (so unseen categories count in every test).
struct CategoryAlignment {
  /// Baseline count per label.
  var baseline: [Int]
  /// Target count per label.
  var target: [Int]
  /// The labels both vectors are indexed by.
  var labels: [String]
  /// Target rows whose category the baseline never had.
  var unseenTargetRows: Int

  init(baseline: CategoryCounts, target: CategoryCounts) {
    var index = [String: Int](minimumCapacity: baseline.labels.count)
    for (position, label) in baseline.labels.enumerated() { index[label] = position }
    labels = baseline.labels
    self.baseline = baseline.counts
    self.target = [Int](repeating: 0, count: baseline.labels.count)
    unseenTargetRows = 0
    for (label, count) in zip(target.labels, target.counts) where count > 0 {
      if let position = index[label] {
        self.target[position] += count
      } else {
        index[label] = labels.count
        labels.append(label)
        self.baseline.append(0)
        self.target.append(count)
        unseenTargetRows += count
      }
    }
  }
}
