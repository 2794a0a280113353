import DriftConfig
import DriftStats
import PostgresNIO

/// Counts per distinct value for the numeric features whose window holds few of them, so that
/// every ECDF test on them is exact (issue 18: "when a numeric feature has few distinct values in
/// the window, at most the grid size, counts per distinct value make every ECDF test exact").
///
/// The grid's cells already show which features may qualify: a cell whose smallest and largest
/// value are equal holds one distinct value, any other at least two, so Σ over cells of (1 or 2)
/// is a lower bound on the window's distinct values. Only the features whose bound is at most the
/// grid size are asked for, in a second statement of the same transaction, with a `LIMIT` of one
/// more row than could qualify, so a feature with more values returns a bounded number of rows
/// and keeps its grid. A feature whose cells each hold one value is exact already and is not
/// asked for.
public enum PushdownDistinct {
  /// The indices of the aggregates worth asking for: numeric, on the grid, some cell holding
  /// more than one value, and the lower bound on distinct values at most `grid`.
  static func candidates(_ aggregates: [FeatureAggregate], grid: Int) -> [Int] {
    aggregates.indices.filter { index in
      guard case .numeric(let numeric) = aggregates[index].values,
        case .cells(let cells) = numeric.finite,
        cells.contains(where: { $0.min < $0.max })
      else { return false }
      return cells.reduce(0) { $0 + ($1.min < $1.max ? 2 : 1) } <= grid
    }
  }

  /// Rows asked for per feature: one more than `grid` distinct values; with a partition key a
  /// value comes back once per partition holding it, so four times that.
  public static func limit(grid: Int, partitioned: Bool) -> Int {
    (grid + 1) * (partitioned ? 4 : 1)
  }

  /// The statement: per feature, its finite values and their counts (`feature int4`, `value
  /// float8`, `n int8`), at most `limit` rows each; also grouped by the partition key when one
  /// is given. Only `$1` / `$2` (the window's bounds) are parameters.
  public static func sql(
    windowSQL: String, features: [(index: Int, name: String)], limit: Int,
    partitionKey: String?, materialized: Bool
  ) -> String {
    let key = partitionKey.map(PostgresIdentifier.quoted)
    let also = key.map { ", \($0)" } ?? ""
    let materialize = key == nil && materialized ? "MATERIALIZED" : "NOT MATERIALIZED"
    let branches = features.map { index, name in
      let x = "(\(PostgresIdentifier.quoted(name)))::float8"
      return "(SELECT \(index)::int4 AS feature, \(x) AS value, count(*) AS n FROM w "
        + "WHERE \(x) > '-Infinity'::float8 AND \(x) < 'Infinity'::float8 "
        + "GROUP BY 2\(also) LIMIT \(limit))"
    }
    return "WITH w AS \(materialize) (\n\(windowSQL)\n)\n"
      + branches.joined(separator: "\nUNION ALL\n")
  }

  /// `aggregates` with the asked features' finite values as counts per distinct value, where
  /// they came back complete (fewer rows than the limit, at most `grid` distinct values, and as
  /// many values as the grid counted); the others keep their grid.
  static func apply(
    _ rows: [PostgresRow], to aggregates: [FeatureAggregate], features: [Int], grid: Int,
    partitioned: Bool, source: PostgresSource
  ) throws(PostgresSourceError) -> [FeatureAggregate] {
    var returned = [Int: Int]()
    var counts = [Int: [Double: Int]]()
    do {
      for row in rows {
        let (feature, value, n) = try row.decode((Int32, Double, Int64).self)
        returned[Int(feature), default: 0] += 1
        counts[Int(feature), default: [:]][value, default: 0] += Int(n)
      }
    } catch {
      throw PostgresSourceError(
        source, "the push-down statement of distinct values returned a row of another shape")
    }
    var result = aggregates
    let limit = limit(grid: grid, partitioned: partitioned)
    for index in features {
      guard case .numeric(var numeric) = result[index].values,
        case .cells(let cells) = numeric.finite,
        let values = counts[index], returned[index, default: 0] < limit, values.count <= grid,
        values.values.reduce(0, +) == cells.reduce(0, { $0 + $1.count })
      else { continue }
      numeric.finite = .distinct(
        values.sorted { $0.key < $1.key }.map { .init(value: $0.key, count: $0.value) })
      result[index].values = .numeric(numeric)
    }
    return result
  }
}
