/// A target window known by its counts on the fine grid, and how far each ECDF statistic computed
/// from it can be from the statistic of the window's exact values.
///
/// The window's values in cell c (n_c of them, within [a_c, b_c], the cell's smallest and largest
/// value) are replaced by n_c copies of one point r_c in [a_c, b_c] (their mean, clamped into the
/// range): the *representative sample* t̃. The tests then run on the exact baseline and t̃. Let G
/// and G̃ be the ECDFs of the true target t and of t̃, and p_c = n_c / n. Both are equal outside
/// the cells' ranges and, inside [a_c, b_c), both lie between G(a_c−) and G(a_c−) + p_c, so
/// |G̃ − G| ≤ p_c there; a cell holding one distinct value (a_c = b_c) is reproduced exactly.
/// From this, with F the baseline's ECDF:
/// - `ks`: D = sup|F − G|, so |D̃ − D| ≤ sup|G̃ − G| ≤ max p_c over cells with a_c < b_c;
/// - `wasserstein`: W1 is a metric, so |W(b, t̃) − W(b, t)| ≤ W(t, t̃) ≤ Σ p_c max(r_c − a_c,
///   b_c − r_c) (each value moves at most that far); `wasserstein_norm` divides it by the
///   baseline's spread like the statistic;
/// - `energy`: E = √(2∫(F − G)²) is √2 times an L2 norm, so by Minkowski's inequality
///   |Ẽ − E| ≤ √(2∫(G̃ − G)²) ≤ √(2 Σ p_c² (b_c − a_c));
/// - `mannwhitney`: U1 counts pairs (x, y) with x > y (ties ½); moving y within [a_c, b_c] changes
///   a pair's term, by at most 1, only when the baseline value x lies in [a_c, b_c], so
///   |Ũ1 − U1| ≤ Σ n_c · #{baseline x in [a_c, b_c]}.
/// - `cvm` and `anderson`: see ``cramerVonMisesBound(baseline:)`` and
///   ``andersonDarlingBound(baseline:)`` (the pooled sums also run over the target's own values,
///   and Anderson-Darling's weights move with the pooled ranks, so these take a page each).
/// `fligner` (which ranks deviations from each side's median, unknown inside a cell) has no bound
/// here and is reported unavailable in binned windows; `welch_t` needs only the window's count, mean and variance, which come from the database's sums
/// (``NumericAggregate/Moments``), so it is computed from those instead of t̃.
/// The p-values are those of the binned statistic on t̃.
struct BinnedTarget {
  /// The representative sample t̃ (sorted), with the window's missing and infinite counts.
  let sample: NumericSample
  /// The window's counts on the profile's decile bins (exact).
  let decileCounts: [Int]?
  /// The cells' counts, ranges and representative points, ascending (the ranges are disjoint).
  let cells: [(count: Int, low: Double, high: Double, point: Double)]

  /// The window's smallest and largest finite value; `nil` when it has none.
  var range: (low: Double, high: Double)? {
    guard let first = cells.first, let last = cells.last else { return nil }
    return (first.low, last.high)
  }

  /// Builds the representative sample from grid cells counted on `edges`.
  init(
    cells gridCells: [NumericAggregate.GridCell], edges: [Double], bins: QuantileBins?,
    missing: Int, infinite: Int
  ) {
    let ordered = gridCells.filter { $0.count > 0 }.sorted { $0.bin < $1.bin }
    var values = [Double]()
    values.reserveCapacity(ordered.reduce(0) { $0 + $1.count })
    var cells = [(count: Int, low: Double, high: Double, point: Double)]()
    var decile = bins.map { [Int](repeating: 0, count: $0.binCount) }
    for cell in ordered {
      let mean = cell.sum / Double(cell.count)
      // The mean of values in [min, max] lies in it; rounding (or an overflowed sum) may not.
      let point =
        mean.isFinite ? Swift.min(Swift.max(mean, cell.min), cell.max) : cell.min / 2 + cell.max / 2
      values.append(contentsOf: repeatElement(point, count: cell.count))
      cells.append((cell.count, cell.min, cell.max, point))
      if let bins, decile != nil {
        // A cell lies between two grid edges, and every decile edge is a grid edge.
        let bin = cell.bin == 0 ? 0 : bins.bin(of: edges[cell.bin - 1])
        decile?[bin] += cell.count
      }
    }
    self.sample = NumericSample(presorted: values, missing: missing, infinite: infinite)
    self.decileCounts = decile
    self.cells = cells
  }

  /// The bound on the error of `test`'s statistic against `baseline`; `nil` when the test has
  /// none (it is then unavailable on binned windows).
  func bound(_ test: DriftTest, baseline: NumericSample) -> Double? {
    let n = Double(sample.count)
    guard n > 0 else { return 0 }
    switch test {
    case .ks:
      return cells.reduce(0) { $1.low < $1.high ? Swift.max($0, Double($1.count) / n) : $0 }
    case .wasserstein:
      return wassersteinBound()
    case .wassersteinNorm:
      guard baseline.count > 0 else { return nil }
      let moments = SampleMoments(baseline.sorted)
      let floor = 1e-12 * Swift.max(1, abs(moments.mean))
      return wassersteinBound() / Swift.max(moments.standardDeviation(ddof: 0), floor)
    case .energy:
      var sum = 0.0
      for cell in cells where cell.low < cell.high {
        let p = Double(cell.count) / n
        sum += p * p * (cell.high - cell.low)
      }
      return (2 * sum).squareRoot()
    case .cvm:
      return cramerVonMisesBound(baseline: baseline.sorted)
    case .anderson:
      return andersonDarlingBound(baseline: baseline.sorted)
    case .mannwhitney:
      var pairs = 0.0
      for cell in cells where cell.low < cell.high {
        let inside = Self.countInside(baseline.sorted, low: cell.low, high: cell.high)
        pairs += Double(cell.count) * Double(inside)
      }
      return pairs
    default:
      return nil
    }
  }

  private func wassersteinBound() -> Double {
    let n = Double(sample.count)
    var sum = 0.0
    for cell in cells where cell.low < cell.high {
      sum += Double(cell.count) / n * Swift.max(cell.point - cell.low, cell.high - cell.point)
    }
    return sum
  }

  /// Values of the ascending `sorted` within [low, high].
  static func countInside(_ sorted: [Double], low: Double, high: Double) -> Int {
    sorted.partitionPoint { $0 > high } - sorted.partitionPoint { $0 >= low }
  }
}
