import DriftData
import DriftStats
import DriftStore
import Testing

@Suite struct CalibratedThresholdTests {
  /// Calibrated bands (one-sided and two-sided) and fixed thresholds come back as written,
  /// bit for bit, next to each other in one window.
  @Test func calibratedThresholdsRoundTrip() throws {
    let results = [
      FeatureRecord(
        feature: "amount", kind: .numeric, test: .psi, statistic: 0.5,
        threshold: Threshold(
          calibrated: CalibratedBand(lower: nil, upper: 0.083_124_567_891_234_5)),
        drifted: true),
      FeatureRecord(
        feature: "amount", kind: .numeric, test: .welchT, statistic: -9.5, pValue: 1e-9,
        adjustedPValue: 2e-9,
        threshold: Threshold(
          calibrated: CalibratedBand(lower: -2.718_281_828, upper: 3.141_592_65)),
        drifted: true),
      FeatureRecord(
        feature: "amount", kind: .numeric, test: .ks, statistic: 0.1, pValue: 0.2,
        adjustedPValue: 0.3, threshold: Threshold(pValue: 0.01), effect: 0.1, drifted: false),
      FeatureRecord(
        feature: "amount", kind: .numeric, test: .wasserstein, statistic: 0.1, drifted: false),
    ]
    let record = WindowRecord(
      monitor: "payments", window: Fixtures.window(0), status: .ok, rows: 10, baselineHash: "b",
      configHash: "c", startedAt: 1, finishedAt: 2, features: results)
    let scratch = try ScratchDirectory()
    let store = try DriftStore(path: scratch.path("history.db"))
    try store.record(record)
    let stored = try store.history(HistoryQuery(monitor: "payments")).map(\.result)
    #expect(stored == results.sorted { $0.test.rawValue < $1.test.rawValue })
    let band = try #require(stored.first { $0.test == .psi }?.threshold?.calibrated)
    #expect(band.upper.bitPattern == (0.083_124_567_891_234_5 as Double).bitPattern)
  }
}
