import DriftConfig
import DriftData
import DriftPostgres
import DriftStats
import DriftStore

/// Reads each window of a monitor from a PostgreSQL-protocol server (`target: { postgres: }`).
struct PostgresWindowSource: WindowSource, WindowReader {
  var monitor: String
  var query: PostgresWindowQuery
  var onBadRow: BadRowPolicy

  /// Nothing to prepare: each window opens its own connection and transaction.
  func open(store: DriftStore, monitor: String) throws(SourceError) -> any WindowReader {
    self
  }

  func read(window: Window, kinds: [String: ColumnKind], features: [String]) throws(SourceError)
    -> (table: Table, rejectedRows: Int)
  {
    do {
      return try query.read(
        start: window.start, end: window.end, features: features, kinds: kinds,
        onBadRow: onBadRow)
    } catch {
      throw SourceError("monitor '\(monitor)': \(error.message)")
    }
  }
}

extension PostgresWindowSource: AggregatingWindowReader {
  /// Whether windows are aggregated inside the database (`mode: pushdown`).
  var aggregates: Bool { query.source.mode == .pushdown }

  func aggregate(window: Window, profile: BaselineProfile, sample: PushdownQuery.SampleRequest?)
    throws(SourceError) -> PushdownWindow
  {
    do {
      let result = try PushdownQuery(window: query).read(
        start: window.start, end: window.end, profile: profile, sample: sample)
      return PushdownWindow(
        rows: result.rows, aggregates: result.aggregates, gridSize: query.source.pushdown.grid,
        sample: result.sample)
    } catch {
      throw SourceError("monitor '\(monitor)': \(error.message)")
    }
  }
}
