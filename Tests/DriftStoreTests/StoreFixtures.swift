import DriftData
import DriftStats
import DriftStore
import Foundation

/// A fresh temporary directory holding the database files of one test.
struct ScratchDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("driftstore-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The path of `name` inside the directory.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Builders for records with readable defaults.
enum Fixtures {
  static let hour: Int64 = 3600
  /// 2024-05-01T00:00:00Z.
  static let day0: Int64 = 1_714_521_600

  static func window(_ index: Int64) -> Window {
    Window(start: day0 + index * hour, end: day0 + (index + 1) * hour)
  }

  static func feature(
    _ name: String, _ test: DriftTest, statistic: Double? = 0.05, pValue: Double? = 0.5,
    drifted: Bool = false
  ) -> FeatureRecord {
    FeatureRecord(
      feature: name, kind: .numeric, test: test, statistic: statistic, pValue: pValue,
      adjustedPValue: pValue, threshold: Threshold.defaultThreshold(for: test), effect: nil,
      drifted: drifted)
  }

  static func ok(
    _ monitor: String = "credit", window index: Int64, features: [FeatureRecord]? = nil
  ) -> WindowRecord {
    let results =
      features ?? [
        feature("age", .ks), feature("age", .psi), feature("income", .ks, drifted: true),
      ]
    let drifted = Set(results.filter(\.drifted).map(\.feature)).count
    let count = Set(results.map(\.feature)).count
    return WindowRecord(
      monitor: monitor, window: window(index), status: .ok, rows: 1000, rejectedRows: 2,
      baselineHash: "b1", configHash: "c1", startedAt: Double(window(index).end) + 60.25,
      finishedAt: Double(window(index).end) + 61.5, features: results,
      dataset: DatasetResult(
        features: count, driftedFeatures: drifted,
        driftedShare: Double(drifted) / Double(count), driftShareThreshold: 0.5,
        drifted: Double(drifted) / Double(count) >= 0.5))
  }

  static func failed(
    _ monitor: String = "credit", window index: Int64, error: String = "source unreadable",
    nextAttemptAt: Int64? = nil
  ) -> WindowRecord {
    WindowRecord(
      monitor: monitor, window: window(index), status: .failed, error: error,
      startedAt: Double(window(index).end), finishedAt: Double(window(index).end) + 1,
      nextAttemptAt: nextAttemptAt)
  }

  static func skipped(_ monitor: String = "credit", window index: Int64) -> WindowRecord {
    WindowRecord(
      monitor: monitor, window: window(index), status: .skipped,
      error: "beyond the catch-up limit", startedAt: Double(day0), finishedAt: Double(day0))
  }
}
