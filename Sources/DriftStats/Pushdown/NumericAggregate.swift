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
  /// The finite values' count and sums around a shift, when the database computed them (every
  /// push-down window does); `nil` otherwise.
  public var moments: Moments?

  /// The count of the finite values and their sums around a shift s: `deviations` = Σ(x − s),
  /// `squares` = Σ(x − s)². With s near the mean the variance keeps its digits (no
  /// cancellation of two large sums of squares).
  public struct Moments: Sendable, Equatable {
    /// Finite values.
    public var count: Int
    /// The shift s.
    public var shift: Double
    /// Σ(x − s).
    public var deviations: Double
    /// Σ(x − s)².
    public var squares: Double

    /// Creates moments.
    public init(count: Int, shift: Double, deviations: Double, squares: Double) {
      self.count = count
      self.shift = shift
      self.deviations = deviations
      self.squares = squares
    }

    /// The mean, s + Σ(x − s) / n; `nil` without values.
    public var mean: Double? {
      count > 0 ? shift + deviations / Double(count) : nil
    }

    /// The sum of squared deviations from the mean, Σ(x − s)² − (Σ(x − s))² / n (at least 0).
    public var squaredDeviations: Double {
      guard count > 0 else { return 0 }
      return Swift.max(squares - deviations * deviations / Double(count), 0)
    }
  }

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
  public init(missing: Int, infinite: Int, finite: Finite, moments: Moments? = nil) {
    self.missing = missing
    self.infinite = infinite
    self.finite = finite
    self.moments = moments
  }
}
