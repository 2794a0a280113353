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
    var missing: Int
    var infinite: Int
  }

  /// The window's row count and one aggregate per plan.
  static func decode(_ rows: [PostgresRow], plans: [PushdownFeature], source: PostgresSource)
    throws(PostgresSourceError) -> (rows: Int, aggregates: [FeatureAggregate])
  {
    var decoded = [Row]()
    decoded.reserveCapacity(rows.count)
    do {
      for row in rows {
        let (feature, bin, label, n, low, high, total, missing, infinite) = try row.decode(
          (Int32, Int32, String?, Int64, Double?, Double?, Double?, Int64, Int64).self)
        decoded.append(
          Row(
            feature: Int(feature), bin: Int(bin), label: label, n: Int(n), low: low, high: high,
            total: total, missing: Int(missing), infinite: Int(infinite)))
      }
    } catch {
      throw PostgresSourceError(source, "the push-down statement returned a row of another shape")
    }
    return (
      decoded.filter { $0.feature == -1 }.reduce(0) { $0 + $1.n },
      plans.enumerated().map { index, plan in
        aggregate(plan, decoded.filter { $0.feature == index })
      }
    )
  }

  static func aggregate(_ plan: PushdownFeature, _ rows: [Row]) -> FeatureAggregate {
    let totals = rows.filter { $0.bin == -1 }
    let missing = totals.reduce(0) { $0 + $1.missing }
    switch plan.plan {
    case .numeric:
      var cells = [Int: NumericAggregate.GridCell]()
      for row in rows where row.bin >= 0 {
        guard let low = row.low, let high = row.high else { continue }
        let total = row.total ?? .nan
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
      let numeric = NumericAggregate(
        missing: missing, infinite: totals.reduce(0) { $0 + $1.infinite },
        finite: .cells(cells.values.sorted { $0.bin < $1.bin }))
      return FeatureAggregate(name: plan.name, values: .numeric(numeric))
    case .categorical(let baseline, let cap, _):
      var counts = [String: Int]()
      for row in rows where row.bin == 0 {
        if let label = row.label { counts[label, default: 0] += row.n }
      }
      let present = totals.reduce(0) { $0 + $1.n } - missing
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
      return FeatureAggregate(name: plan.name, values: .categorical(categories))
    }
  }
}
