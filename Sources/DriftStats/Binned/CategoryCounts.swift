/// Counts of each category label, plus missing values.
public struct CategoryCounts: Sendable, Equatable {
  /// Labels in order of first appearance.
  public var labels: [String]
  /// Rows per label, indexed like ``labels``.
  public var counts: [Int]
  /// Rows with no value.
  public var missing: Int

  /// Counts a dictionary-encoded column.
  public init(column: CategoricalColumn) {
    let counted = column.counts()
    self.labels = column.categories
    self.counts = counted.perCategory
    self.missing = counted.missing
  }

  /// Creates counts directly.
  public init(labels: [String], counts: [Int], missing: Int) {
    precondition(labels.count == counts.count, "one count per label")
    self.labels = labels
    self.counts = counts
    self.missing = missing
  }

  /// Rows with a value.
  public var present: Int { counts.reduce(0, +) }

  /// Rows in all, missing included.
  public var total: Int { present + missing }
}
