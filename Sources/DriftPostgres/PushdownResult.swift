import DriftConfig
import DriftStats
import PostgresNIO

/// Turns the rows of a ``PushdownStatement`` into each feature's aggregate, summing the partial
/// rows of different partitions (counts and sums add, ranges widen).
enum PushdownResult {
  /// One row of the result.
  struct Row {
    var feature: Int
    var bin: Int
    var label: String?
    var n: Int
    var low: Double?
    var high: Double?
    var total: Double?
    var squares: Double?
    var allRows: Double?
  }

  /// The window's row count and one aggregate per plan.
  static func decode(_ rows: [PostgresRow], plans: [PushdownFeature], source: PostgresSource)
    throws(PostgresSourceError) -> (rows: Int, aggregates: [FeatureAggregate])
  {
    var decoded = [Row]()
    decoded.reserveCapacity(rows.count)
    do {
      for row in rows {
        let (feature, bin, label, n, low, high, total, squares, allRows) = try row.decode(
          (Int32, Int32, String?, Int64, Double?, Double?, Double?, Double?, Double?).self)
        decoded.append(
          Row(
            feature: Int(feature), bin: Int(bin), label: label, n: Int(n), low: low, high: high,
            total: total, squares: squares, allRows: allRows))
      }
    } catch {
      throw PostgresSourceError(source, "the push-down statement returned a row of another shape")
    }
    var byFeature = [[Row]](repeating: [], count: plans.count)
    var unnamed = 0
    for row in decoded {
      if byFeature.indices.contains(row.feature) {
        byFeature[row.feature].append(row)
      } else {
        unnamed += row.n
      }
    }
    let aggregates = zip(plans, byFeature).map { aggregate($0, $1) }
    return (aggregates.first?.rows ?? unnamed, aggregates.map(\.aggregate))
  }

  /// One feature's aggregate from its rows, and the window's row count they show.
  static func aggregate(_ plan: PushdownFeature, _ rows: [Row])
    -> (aggregate: FeatureAggregate, rows: Int)
  {
    switch plan.plan {
    case .numeric(let edges):
      let shift = edges.isEmpty ? 0 : edges[edges.count / 2]
      var missing = 0
      var infinite = 0
      var all = 0
      var moments = NumericAggregate.Moments(count: 0, shift: shift, deviations: 0, squares: 0)
      var cells = [Int: NumericAggregate.GridCell]()
      for row in rows {
        all += row.n
        switch row.bin {
        case PushdownStatement.missingBin: missing += row.n
        case PushdownStatement.infiniteBin: infinite += row.n
        default:
          guard row.bin >= 0, let low = row.low, let high = row.high else { continue }
          let deviations = row.total ?? .nan
          moments.count += row.n
          moments.deviations += deviations
          moments.squares += row.squares ?? .nan
          // The cell's sum of values, to place its representative point.
          let total = deviations + Double(row.n) * shift
          if var cell = cells[row.bin] {
            cell.count += row.n
            cell.min = Swift.min(cell.min, low)
            cell.max = Swift.max(cell.max, high)
            cell.sum += total
            cells[row.bin] = cell
          } else {
            cells[row.bin] = .init(bin: row.bin, count: row.n, min: low, max: high, sum: total)
          }
        }
      }
      let numeric = NumericAggregate(
        missing: missing, infinite: infinite,
        finite: .cells(cells.values.sorted { $0.bin < $1.bin }), moments: moments)
      return (FeatureAggregate(name: plan.name, values: .numeric(numeric)), all)
    case .categorical(let baseline, let cap, _):
      var counts = [String: Int]()
      var missing = 0
      var returned = 0
      var all: Int?
      for row in rows {
        returned += row.n
        if let total = row.allRows { all = Int(total) }
        if let label = row.label {
          counts[label, default: 0] += row.n
        } else {
          missing += row.n
        }
      }
      // Without a partition key the statement caps the groups and says how many rows they all
      // hold; with one, every partial group comes back.
      let windowRows = all ?? returned
      let present = windowRows - missing
      // The same order and cap as the statement applies without a partition key.
      let known = Set(baseline)
      let ordered = counts.sorted { left, right in
        let (l, r) = (known.contains(left.key), known.contains(right.key))
        if l != r { return l }
        return left.value != right.value ? left.value > right.value : left.key < right.key
      }.prefix(cap)
      let kept = ordered.reduce(0) { $0 + $1.value }
      let categories = CategoryAggregate(
        labels: ordered.map(\.key), counts: ordered.map(\.value), missing: missing,
        other: Swift.max(present - kept, 0))
      return (FeatureAggregate(name: plan.name, values: .categorical(categories)), windowRows)
    }
  }
}
