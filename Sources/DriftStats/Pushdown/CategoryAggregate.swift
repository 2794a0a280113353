/// A categorical or boolean feature's window as the database aggregates it: counts per category,
/// at most `max_categories` of them, the baseline's categories first; every other category's rows
/// summed in ``other``.
public struct CategoryAggregate: Sendable, Equatable {
  /// The counted categories.
  public var labels: [String]
  /// Rows per category, indexed like ``labels``.
  public var counts: [Int]
  /// Rows with no value.
  public var missing: Int
  /// Rows of the categories beyond the cap (none of them a baseline category when the cap is at
  /// least the baseline's number of categories).
  public var other: Int

  /// Creates an aggregate.
  public init(labels: [String], counts: [Int], missing: Int, other: Int) {
    precondition(labels.count == counts.count, "one count per label")
    self.labels = labels
    self.counts = counts
    self.missing = missing
    self.other = other
  }
}
