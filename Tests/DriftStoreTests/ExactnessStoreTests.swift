import DriftData
import DriftStats
import DriftStore
import Testing

@Suite struct ExactnessStoreTests {
  /// Push-down results keep their exactness and bound bit for bit; other results come back with
  /// none.
  @Test func exactnessRoundTrips() throws {
    var binned = FeatureRecord(
      feature: "amount", kind: .numeric, test: .ks, statistic: 0.1, pValue: 0.2,
      adjustedPValue: 0.3, threshold: Threshold(pValue: 0.01), effect: 0.1, drifted: false)
    binned.exactness = .binned(bound: 0.000_123_456_789_012_345)
    var exact = FeatureRecord(
      feature: "amount", kind: .numeric, test: .psi, statistic: 0.01, drifted: false)
    exact.exactness = .exact
    let file = FeatureRecord(
      feature: "amount", kind: .numeric, test: .wasserstein, statistic: 0.1, drifted: false)
    let record = WindowRecord(
      monitor: "payments", window: Fixtures.window(0), status: .ok, rows: 10, baselineHash: "b",
      configHash: "c", startedAt: 1, finishedAt: 2, features: [binned, exact, file])
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(record)
    let stored = try store.history(HistoryQuery(monitor: "payments")).map(\.result)
    #expect(stored == [binned, exact, file].sorted { $0.test.rawValue < $1.test.rawValue })
    let bound = try #require(stored.first { $0.test == .ks }?.exactness?.bound)
    #expect(bound.bitPattern == (0.000_123_456_789_012_345 as Double).bitPattern)
    #expect(stored.first { $0.test == .wasserstein }?.exactness == nil)
  }
}
