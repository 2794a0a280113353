/// The finite values of one numeric column, sorted ascending, with counts of what was left out.
///
/// Every numeric test takes samples in this form so that a column is sorted once and shared by
/// all tests (and, for the baseline, once per baseline profile).
public struct NumericSample: Sendable, Equatable {
  /// Finite values in ascending order.
  public let sorted: [Double]
  /// Values that were missing (empty, null or NaN).
  public let missing: Int
  /// Values that were +Inf or -Inf; excluded from the tests, reported in the summaries.
  public let infinite: Int

  /// Number of finite values.
  public var count: Int { sorted.count }

  /// Builds a sample from raw column values, where NaN marks a missing value.
  public init<C: Collection>(values: C) where C.Element == Double {
    // One pass drops NaN and infinities and builds the radix keys (Sorting.sortedFinite).
    (sorted, missing, infinite) = Sorting.sortedFinite(values)
  }

  /// Builds a sample from raw column values that the sample takes over, where NaN marks a
  /// missing value: the same sample as ``init(values:)``, sorted in the array's own storage
  /// (no second array of the column's size when the caller hands over its only reference, with
  /// `consume` or a temporary; a shared array is copied first, as copy-on-write has it).
  public init(taking values: consuming [Double]) {
    (missing, infinite) = Sorting.sortFinite(inPlace: &values)
    sorted = values
  }

  /// Wraps values that are already finite and sorted ascending (checked in debug builds).
  public init(presorted: [Double], missing: Int = 0, infinite: Int = 0) {
    assert(zip(presorted, presorted.dropFirst()).allSatisfy { $0 <= $1 }, "values must be sorted")
    assert(presorted.allSatisfy(\.isFinite), "values must be finite")
    self.sorted = presorted
    self.missing = missing
    self.infinite = infinite
  }
}
