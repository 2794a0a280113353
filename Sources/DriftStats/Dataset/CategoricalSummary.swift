/// Descriptive statistics of a categorical or boolean column, for reports and the drift history.
public struct CategoricalSummary: Sendable, Equatable, Codable {
  /// How many rows hold one category.
  public struct Entry: Sendable, Equatable, Codable {
    /// The category label.
    public var label: String
    /// Rows holding it.
    public var count: Int
    /// `count` divided by the non-missing rows of the column.
    public var share: Double

    /// Creates an entry.
    public init(label: String, count: Int, share: Double) {
      self.label = label
      self.count = count
      self.share = share
    }
  }

  /// How many entries ``top`` lists at most.
  public static let topLimit = 5

  /// All rows, missing included.
  public var count: Int
  /// Missing rows.
  public var missing: Int
  /// Distinct categories that at least one row holds.
  public var unique: Int
  /// The most frequent categories (at most ``topLimit``), by count descending; equal counts are
  /// ordered by label ascending (Swift `String` order, which is byte order for ASCII labels).
  /// Shares are of the non-missing rows, the same base the category tests use.
  public var top: [Entry]

  /// Summarizes a column.
  public init(column: CategoricalColumn) {
    self.init(counts: CategoryCounts(column: column))
  }

  /// Summarizes category counts (a baseline profile's, say).
  public init(counts: CategoryCounts) {
    count = counts.total
    missing = counts.missing
    let present = count - missing
    var entries = [(label: String, count: Int)]()
    for (label, rows) in zip(counts.labels, counts.counts) where rows > 0 {
      entries.append((label, rows))
    }
    unique = entries.count
    entries.sort { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
    top = entries.prefix(Self.topLimit).map {
      Entry(label: $0.label, count: $0.count, share: Double($0.count) / Double(present))
    }
  }
}
