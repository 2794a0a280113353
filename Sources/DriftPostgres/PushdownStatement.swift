import Foundation

/// The one statement a push-down window sends: every feature's aggregates over the window's rows,
/// one `GROUP BY` per feature, `UNION ALL`'d, with the window's bounds as `$1` / `$2` and each
/// feature's bin edges or baseline categories as further parameters (never spliced into the
/// text).
///
/// Every row of the result has the same nine columns:
/// `feature int4` (the feature's index, -1 for the window's row count when there is no feature),
/// `bin int4`, `label text`, `n int8`, `lo float8`, `hi float8`, `total float8`, `squares
/// float8`, `all_rows float8`.
///
/// A numeric feature's rows are its groups by `bin`: ``missingBin`` (NULL and NaN),
/// ``infiniteBin`` (±Infinity), or the grid cell `width_bucket(x, edges)` of a finite value, with
/// the cell's count, smallest and largest value, `total` = Σ(x − s) and `squares` = Σ(x − s)² for
/// the shift s = the grid's middle edge (a baseline quantile near the middle, so the sums stay
/// small beside the values and the variance computed from them keeps its digits). Every row of a
/// feature falls in exactly one group, so the groups' counts sum to the window's rows: one read of
/// the window per feature gives counts, missing, infinite, ranges and moments at once.
///
/// A categorical feature's rows are its groups by `label` (NULL: the missing rows), at most `cap`
/// of them without a partition key (the missing group, the baseline's categories, then the most
/// frequent), each carrying in `all_rows` the count of every row of the window (`sum(count(*)) OVER
/// ()`, taken before the cap), so the rows beyond the cap are known as one number.
///
/// Only plain aggregates (`count`, `min`, `max`, `sum`), `GROUP BY` of simple expressions and
/// built-in immutable functions (`width_bucket`) are used, so postgres_fdw can ship each
/// aggregation to a shard; with a partition key every aggregate is also grouped by it
/// (PostgreSQL 15 pushes an aggregate to a foreign partition only when the grouping includes the
/// partition key) and driftwatch sums the partial rows.
public enum PushdownStatement {
  /// The `bin` of a numeric feature's NULL and NaN rows.
  public static let missingBin = -2
  /// The `bin` of a numeric feature's +Infinity and -Infinity rows.
  public static let infiniteBin = -3

  /// The statement's SQL text.
  ///
  /// - Parameters:
  ///   - windowSQL: The SELECT of the window's rows (the pull mode's statement, with `$1` and
  ///     `$2`); it must select every feature column and the partition key.
  ///   - features: The features, in order; numeric feature k's edges are parameter `$(3 + k)`
  ///     and categorical ones' baseline labels likewise, numbered in feature order.
  ///   - ids: The number each feature's rows carry in the `feature` column (its index among the
  ///     window's features), when `features` is a part of them (a parallel window splits its
  ///     features across connections); nil for `0 ..< features.count`. The parameters stay
  ///     numbered by position in `features`.
  ///   - partitionKey: A column to group every aggregate by as well, or nil.
  ///   - materialized: Whether the window's rows are read once into a `MATERIALIZED` CTE that
  ///     every feature's aggregate reads (for a user's `query:`, which may be costly to run
  ///     again); otherwise (a `table:`, or with a partition key) each feature's aggregate reads
  ///     the table itself, which PostgreSQL can scan in parallel or push to its partitions.
  /// - Returns: The SQL.
  public static func sql(
    windowSQL: String, features: [PushdownFeature], ids: [Int]? = nil, partitionKey: String?,
    materialized: Bool = true
  ) -> String {
    let ids = ids ?? Array(features.indices)
    let key = partitionKey.map(PostgresIdentifier.quoted)
    let also = key.map { ", \($0)" } ?? ""
    let materialize = key == nil && materialized ? "MATERIALIZED" : "NOT MATERIALIZED"
    var branches = [String]()
    if features.isEmpty {
      branches.append(
        "SELECT -1::int4 AS feature, -1::int4 AS bin, NULL::text AS label, count(*) AS n, "
          + "NULL::float8 AS lo, NULL::float8 AS hi, NULL::float8 AS total, "
          + "NULL::float8 AS squares, NULL::float8 AS all_rows FROM w"
          + (key.map { " GROUP BY \($0)" } ?? ""))
    }
    for (position, feature) in features.enumerated() {
      let parameter = "$\(3 + position)"
      let index = ids[position]
      let column = PostgresIdentifier.quoted(feature.name)
      switch feature.plan {
      case .numeric(let edges):
        let x = "(\(column))::float8"
        // NaN sorts above +Infinity in PostgreSQL, so these bounds keep exactly the finite
        // values; a NULL fails both comparisons and lands in the missing group.
        let bin =
          "CASE WHEN \(x) > '-Infinity'::float8 AND \(x) < 'Infinity'::float8 "
          + "THEN width_bucket(\(x), \(parameter)::float8[]) "
          + "WHEN \(x) IS NULL OR \(x) = 'NaN'::float8 THEN \(missingBin) ELSE \(infiniteBin) END"
        // The shift: the grid's middle edge (an array index, not a value of the data; 0 when
        // the baseline has no finite value, as the grid then has no edge).
        let shift =
          edges.isEmpty ? "0::float8" : "(\(parameter)::float8[])[\(edges.count / 2 + 1)]"
        let deviation = "(\(x) - \(shift))"
        branches.append(
          "SELECT \(index)::int4 AS feature, \(bin) AS bin, NULL::text AS label, "
            + "count(*) AS n, min(\(x)) AS lo, max(\(x)) AS hi, "
            + "sum(\(deviation)) AS total, sum(\(deviation) * \(deviation)) AS squares, "
            + "NULL::float8 AS all_rows FROM w GROUP BY 2\(also)")
      case .categorical(_, let cap, let boolean):
        let label =
          boolean
          ? "CASE WHEN lower((\(column))::text) IN ('true', '1') THEN 'true' "
            + "WHEN lower((\(column))::text) IN ('false', '0') THEN 'false' "
            + "ELSE (\(column))::text END"
          : "(\(column))::text"
        if key == nil {
          // The missing group, the baseline's categories, then the most frequent: the cap never
          // drops a baseline category (it exceeds their number). The window's row count is
          // taken over every group before the LIMIT.
          branches.append(
            "(SELECT \(index)::int4 AS feature, 0 AS bin, \(label)::text AS label, "
              + "count(*) AS n, NULL::float8 AS lo, NULL::float8 AS hi, NULL::float8 AS total, "
              + "NULL::float8 AS squares, (sum(count(*)) OVER ())::float8 AS all_rows FROM w "
              + "GROUP BY 3 ORDER BY (\(label)) IS NULL DESC, "
              + "(\(label)) = ANY(\(parameter)::text[]) DESC, count(*) DESC, 3 "
              + "LIMIT \(cap + 1))")
        } else {
          // Partial counts per partition; driftwatch applies the cap after summing them.
          branches.append(
            "SELECT \(index)::int4 AS feature, 0 AS bin, \(label)::text AS label, "
              + "count(*) AS n, NULL::float8 AS lo, NULL::float8 AS hi, NULL::float8 AS total, "
              + "NULL::float8 AS squares, NULL::float8 AS all_rows FROM w "
              + "WHERE \(parameter)::text[] IS NOT NULL GROUP BY 3\(also)")
        }
      }
    }
    return "WITH w AS \(materialize) (\n\(windowSQL)\n)\n"
      + branches.joined(separator: "\nUNION ALL\n")
  }
}
