/// A numeric feature's window as the database aggregates it.
///
/// Either every distinct finite value with its count (when the window holds at most the grid's
/// size of them: every test is then exact), or counts, ranges and sums per cell of the fine grid
/// of baseline quantiles (``PushdownGrid``).
public struct NumericAggregate: Sendable, Equatable {
  /// Rows whose value is NULL or NaN.
  public var missing: Int
  /// Rows whose value is +Infinity or -Infinity.
  public var infinite: Int
  /// The finite values, exactly or per grid cell.
  public var finite: Finite

  /// How the finite values come back.
  public enum Finite: Sendable, Equatable {
    /// Every distinct finite value and its count, in any order.
    case distinct([ValueCount])
    /// Per non-empty cell of the grid: its count, smallest, largest value and sum.
    case cells([GridCell])
  }

  /// A distinct value and the rows holding it.
  public struct ValueCount: Sendable, Equatable {
    /// The value (finite).
    public var value: Double
    /// Rows holding it (positive).
    public var count: Int

    /// Creates a pair.
    public init(value: Double, count: Int) {
      self.value = value
      self.count = count
    }
  }

  /// One cell of the grid: `[edges[bin - 1], edges[bin])` with open outer ends, the bin that
  /// PostgreSQL's `width_bucket(x, edges)` and ``QuantileBins/bin(of:)`` both return.
  public struct GridCell: Sendable, Equatable {
    /// The cell's index, 0 ... edges.count.
    public var bin: Int
    /// Finite values in the cell (positive).
    public var count: Int
    /// The smallest of them.
    public var min: Double
    /// The largest of them.
    public var max: Double
    /// Their sum (may be rounded; only used to place the cell's values).
    public var sum: Double

    /// Creates a cell.
    public init(bin: Int, count: Int, min: Double, max: Double, sum: Double) {
      self.bin = bin
      self.count = count
      self.min = min
      self.max = max
      self.sum = sum
    }
  }

  /// Creates an aggregate.
  public init(missing: Int, infinite: Int, finite: Finite) {
    self.missing = missing
    self.infinite = infinite
    self.finite = finite
  }
}
