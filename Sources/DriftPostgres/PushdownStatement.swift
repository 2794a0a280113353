import Foundation

/// The one statement a push-down window sends: every feature's aggregates over the window's rows,
/// `UNION ALL`'d, with the window's bounds as `$1` / `$2` and each feature's bin edges or
/// baseline categories as further parameters (never spliced into the text).
///
/// Every row of the result has the same nine columns:
/// `feature int4` (the feature's index, -1 for the window's row count), `bin int4` (-1 for a
/// feature's totals row, the grid cell for a numeric cell row, 0 for a category row),
/// `label text`, `n int8`, `lo float8`, `hi float8`, `total float8`, `missing int8`,
/// `infinite int8`.
///
/// Only plain aggregates (`count`, `min`, `max`, `sum`, `FILTER`), `GROUP BY` of simple
/// expressions and built-in immutable functions (`width_bucket`) are used, so postgres_fdw can
/// ship each aggregation to a shard; with a partition key every aggregate is also grouped by it
/// (PostgreSQL 15 pushes an aggregate to a foreign partition only when the grouping includes the
/// partition key) and driftwatch sums the partial rows.
public enum PushdownStatement {
  /// The statement's SQL text.
  ///
  /// - Parameters:
  ///   - windowSQL: The SELECT of the window's rows (the pull mode's statement, with `$1` and
  ///     `$2`); it must select every feature column and the partition key.
  ///   - features: The features, in order; numeric feature k's edges are parameter `$(3 + k')`
  ///     and categorical ones' baseline labels likewise, numbered in feature order.
  ///   - partitionKey: A column to group every aggregate by as well, or nil.
  /// - Returns: The SQL: with no partition key the window's rows are a `MATERIALIZED` CTE, read
  ///   once; with one it is `NOT MATERIALIZED`, so each aggregate reads the (partitioned) table
  ///   and can be pushed to its partitions.
  public static func sql(
    windowSQL: String, features: [PushdownFeature], partitionKey: String?
  ) -> String {
    let key = partitionKey.map(PostgresIdentifier.quoted)
    let also = key.map { ", \($0)" } ?? ""
    let materialized = key == nil ? "MATERIALIZED" : "NOT MATERIALIZED"
    var branches = [
      "SELECT -1::int4 AS feature, -1::int4 AS bin, NULL::text AS label, count(*) AS n, "
        + "NULL::float8 AS lo, NULL::float8 AS hi, NULL::float8 AS total, 0::int8 AS missing, "
        + "0::int8 AS infinite FROM w" + (key.map { " GROUP BY \($0)" } ?? "")
    ]
    for (index, feature) in features.enumerated() {
      let parameter = "$\(3 + index)"
      let column = PostgresIdentifier.quoted(feature.name)
      switch feature.plan {
      case .numeric(let edges):
        let x = "(\(column))::float8"
        branches.append(
          "SELECT \(index), -1, NULL, count(*), NULL, NULL, NULL, "
            + "count(*) FILTER (WHERE \(x) IS NULL OR \(x) = 'NaN'::float8), "
            + "count(*) FILTER (WHERE \(x) IN ('Infinity'::float8, '-Infinity'::float8)) "
            + "FROM w" + (key.map { " GROUP BY \($0)" } ?? ""))
        // NaN sorts above +Infinity in PostgreSQL, so these bounds keep exactly the finite values.
        let bin = edges.isEmpty ? "0" : "width_bucket(\(x), \(parameter)::float8[])"
        branches.append(
          "SELECT \(index), \(bin), NULL, count(*), min(\(x)), max(\(x)), sum(\(x)), 0, 0 "
            + "FROM w WHERE \(x) > '-Infinity'::float8 AND \(x) < 'Infinity'::float8 "
            // An unused parameter has no type: refer to it when there are no edges.
            + (edges.isEmpty ? "AND \(parameter)::float8[] IS NOT NULL " : "")
            + "GROUP BY 2\(also)")
      case .categorical(_, let cap, let boolean):
        let label =
          boolean
          ? "CASE WHEN lower((\(column))::text) IN ('true', '1') THEN 'true' "
            + "WHEN lower((\(column))::text) IN ('false', '0') THEN 'false' "
            + "ELSE (\(column))::text END"
          : "(\(column))::text"
        branches.append(
          "SELECT \(index), -1, NULL, count(*), NULL, NULL, NULL, "
            + "count(*) FILTER (WHERE \(column) IS NULL), 0 FROM w"
            + (key.map { " GROUP BY \($0)" } ?? ""))
        if key == nil {
          // The baseline's categories first, then the most frequent: the cap never drops a
          // baseline category (it is at least their number).
          branches.append(
            "(SELECT \(index), 0, \(label), count(*), NULL, NULL, NULL, 0, 0 FROM w "
              + "WHERE \(column) IS NOT NULL GROUP BY 3 "
              + "ORDER BY (\(label)) = ANY(\(parameter)::text[]) DESC, count(*) DESC, 3 "
              + "LIMIT \(cap))")
        } else {
          // Partial counts per partition; driftwatch applies the cap after summing them.
          branches.append(
            "SELECT \(index), 0, \(label), count(*), NULL, NULL, NULL, 0, 0 FROM w "
              + "WHERE \(column) IS NOT NULL AND \(parameter)::text[] IS NOT NULL "
              + "GROUP BY 3\(also)")
        }
      }
    }
    return "WITH w AS \(materialized) (\n\(windowSQL)\n)\n"
      + branches.joined(separator: "\nUNION ALL\n")
  }
}
