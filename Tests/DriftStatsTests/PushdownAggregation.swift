@testable import DriftStats

/// What the database computes for a push-down window, computed here from the values themselves:
/// the reference the push-down evaluation is checked against.
enum PushdownAggregation {
  /// The aggregate of a numeric column on the grid of `profile` of `gridSize`: distinct values
  /// when there are at most `gridSize` of them, else grid cells.
  static func numeric(
    _ values: [Double], profile: NumericProfile, gridSize: Int
  ) -> NumericAggregate {
    let missing = values.filter(\.isNaN).count
    let infinite = values.filter(\.isInfinite).count
    let finite = values.filter(\.isFinite)
    var distinct = [Double: Int]()
    for value in finite { distinct[value == 0 ? 0 : value, default: 0] += 1 }
    if distinct.count <= gridSize {
      return NumericAggregate(
        missing: missing, infinite: infinite,
        finite: .distinct(distinct.map { NumericAggregate.ValueCount(value: $0, count: $1) }))
    }
    let edges = PushdownGrid.edges(for: profile, size: gridSize)
    var cells = [Int: NumericAggregate.GridCell]()
    for value in finite {
      let bin = bin(of: value, edges: edges)
      var cell = cells[bin] ?? .init(bin: bin, count: 0, min: value, max: value, sum: 0)
      cell.count += 1
      cell.min = min(cell.min, value)
      cell.max = max(cell.max, value)
      cell.sum += value
      cells[bin] = cell
    }
    return NumericAggregate(
      missing: missing, infinite: infinite, finite: .cells(Array(cells.values)))
  }

  /// `width_bucket(value, edges)`: the number of edges at or below the value.
  static func bin(of value: Double, edges: [Double]) -> Int {
    edges.reduce(0) { $1 <= value ? $0 + 1 : $0 }
  }

  /// The aggregate of a categorical column with at most `cap` categories, baseline ones first.
  static func categorical(
    _ column: CategoricalColumn, baseline: CategoryCounts, cap: Int
  ) -> CategoryAggregate {
    let counts = CategoryCounts(column: column)
    let known = Set(baseline.labels)
    var pairs = zip(counts.labels, counts.counts).filter { $0.1 > 0 }
    pairs.sort { left, right in
      let (l, r) = (known.contains(left.0), known.contains(right.0))
      if l != r { return l }
      return left.1 != right.1 ? left.1 > right.1 : left.0 < right.0
    }
    let kept = pairs.prefix(cap)
    let other = pairs.dropFirst(cap).reduce(0) { $0 + $1.1 }
    return CategoryAggregate(
      labels: kept.map(\.0), counts: kept.map(\.1), missing: counts.missing, other: other)
  }
}
