import DriftConfig
import DriftPostgres
import DriftStats
import DriftStore
import Foundation
import Testing

/// Which push-down results are exact: a feature with few distinct values in the window is
/// counted per distinct value (every ECDF test exact, bit for bit the file path's), and Welch's t
/// comes from the window's moments on a binned window, where Fligner-Killeen is unavailable.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "needs PostgreSQL 15"))
struct PushdownExactnessTests {
  static let allNumeric =
    "[ks, anderson, cvm, mannwhitney, welch_t, fligner, wasserstein, energy, psi, missing_rate]"

  /// `requests` with `visits` moved 20 above the baseline's range after the first hour: the
  /// shifted windows' 13 integers all fall in the grid's top cell, whose range then holds
  /// several values.
  static func shiftedTable(_ db: SampleDatabase) throws {
    try db.server.sql(
      """
      CREATE TABLE IF NOT EXISTS shifted AS SELECT ts, amount,
        CASE WHEN ts >= to_timestamp(\(SampleDatabase.start + 3600)) THEN visits + 20
          ELSE visits END AS visits, price, city, premium
      FROM requests;
      GRANT SELECT ON shifted TO reader;
      """, database: "drift")
  }

  @Test func fewDistinctValuesMakeEveryTestExactBitForBit() async throws {
    let db = try SampleDatabase.shared.get()
    try Self.shiftedTable(db)
    let (_, configuration, store) = try PostgresPushdownTests.setUp(
      db, table: "shifted", tests: Self.allNumeric)
    let byName = await PostgresPushdownTests.run(configuration, store)
    #expect(byName["pg"]?.stored == [.ok: 3])
    let files = try store.history(HistoryQuery(monitor: "files"))
    let pushed = try store.history(HistoryQuery(monitor: "pg"))
    #expect(files.count == pushed.count && !files.isEmpty)
    var numeric = 0
    for (file, push) in zip(files, pushed) where push.result.feature != "city" {
      guard push.result.feature != "premium" else { continue }
      numeric += 1
      let what = "\(push.window.start) \(push.result.feature) \(push.result.test)"
      #expect(file.result.test == push.result.test, "\(what)")
      #expect(push.result.exactness == .exact, "\(what)")
      #expect(file.result.error == push.result.error, "\(what)")
      #expect(file.result.statistic?.bitPattern == push.result.statistic?.bitPattern, "\(what)")
      #expect(file.result.pValue?.bitPattern == push.result.pValue?.bitPattern, "\(what)")
    }
    #expect(numeric == 3 * 3 * 10)
    // The shifted visits drift, and every ECDF test says so from the exact counts.
    let shifted = pushed.filter {
      $0.result.feature == "visits" && $0.window.start > SampleDatabase.start
        && $0.result.test == .ks
    }
    #expect(shifted.count == 2 && shifted.allSatisfy { $0.result.statistic == 1 })
  }

  /// The shifted window's `visits` come back as counts per distinct value, not grid cells.
  @Test func theShiftedFeatureIsReadPerDistinctValue() throws {
    let db = try SampleDatabase.shared.get()
    try Self.shiftedTable(db)
    let baseline = (0..<200).map { Double($0 % 13) }
    let profile = try BaselineProfile(
      table: Table(
        columns: [
          Column(name: "visits", kind: .numeric, values: .numeric(NumericColumn(values: baseline)))
        ], rowCount: 200))
    for key: String? in [nil, "premium"] {
      var source = db.source(.table("shifted"))
      source.pushdown = PushdownOptions(grid: 100, partitionKey: key)
      let query = PushdownQuery(window: PostgresWindowQuery(source: source, timestampColumn: "ts"))
      let start = SampleDatabase.start + 3600
      let result = try query.read(start: start, end: start + 3600, profile: profile)
      #expect(result.rows == 200)
      guard case .numeric(let visits) = result.aggregates[0].values,
        case .distinct(let pairs) = visits.finite
      else {
        Issue.record("visits should come back per distinct value (key \(key ?? "none"))")
        continue
      }
      #expect(pairs.map(\.value) == (20...32).map(Double.init))
      #expect(pairs.reduce(0) { $0 + $1.count } == 200)
    }
  }

  /// On a binned window Welch's t comes from the window's count, mean and variance (exact up to
  /// the rounding of the sums the database adds in its own order), Fligner-Killeen is not
  /// available.
  @Test func welchFromMomentsAndFlignerUnavailableOnBinnedWindows() async throws {
    let db = try SampleDatabase.shared.get()
    let (_, configuration, store) = try PostgresPushdownTests.setUp(
      db, pushdown: ", grid: 50", tests: "[ks, welch_t, fligner]")
    let byName = await PostgresPushdownTests.run(configuration, store)
    #expect(byName["pg"]?.stored == [.ok: 3])
    let files = try store.history(HistoryQuery(monitor: "files"))
    let pushed = try store.history(HistoryQuery(monitor: "pg"))
    #expect(files.count == pushed.count)
    var welch = 0
    for (file, push) in zip(files, pushed) where push.result.feature == "amount" {
      let what = "\(push.window.start) \(push.result.test)"
      switch push.result.test {
      case .ks:
        guard case .binned = push.result.exactness else {
          Issue.record("amount should be binned on a grid of 50: \(what)")
          continue
        }
      case .welchT:
        welch += 1
        #expect(push.result.exactness == .exact, "\(what)")
        let a = try #require(file.result.statistic, "\(what)")
        let b = try #require(push.result.statistic, "\(what)")
        #expect(abs(a - b) <= 1e-9 * max(1, abs(a)), "\(what): \(a) vs \(b)")
        let p = try #require(file.result.pValue, "\(what)")
        let q = try #require(push.result.pValue, "\(what)")
        #expect(abs(p - q) <= 1e-9, "\(what)")
      case .fligner:
        #expect(push.result.statistic == nil, "\(what)")
        #expect(push.result.error?.contains("not available") == true, "\(what)")
      default:
        break
      }
    }
    #expect(welch == 3)
  }
}
