import DriftHTTP
import DriftStore
import Foundation

/// `driftwatch-bench metrics`: `/metrics` for 20 monitors x 50 features x 4 tests (a day of
/// hourly windows each): time to read and render, and bytes.
enum MetricsBenchmark {
  static let monitors = (0..<20).map { "monitor_\($0 < 10 ? "0" : "")\($0)" }
  static let repetitions = 20

  static func run(_ arguments: [String]) throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("driftwatch-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try DriftStore(path: directory.appendingPathComponent("metrics.db").path)
    for monitor in monitors {
      let windows = (0..<24).map { index -> WindowRecord in
        var window = HistoryBenchmark.window(index)
        window.monitor = monitor
        return window
      }
      try store.record(batch: windows)
    }
    let now = HistoryBenchmark.firstWindow + 25 * 3600
    let exposition = MetricsExposition(version: "bench", maxFeatureSeries: 20_000)
    func render() throws -> [UInt8] {
      try exposition.render(store: store, monitors: monitors, now: now)
    }
    let firstStart = ContinuousClock.now
    let text = try render()
    let first = ContinuousClock.now - firstStart
    var times: [Double] = []
    for _ in 0..<repetitions {
      let start = ContinuousClock.now
      _ = try render()
      let elapsed = ContinuousClock.now - start
      times.append(
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    times.sort()
    let series = text.split(separator: UInt8(ascii: "\n")).filter { $0.first != UInt8(ascii: "#") }
    print("metrics: \(monitors.count) monitors x 50 features x 4 tests")
    print("  \(series.count) series, \(text.count) bytes (\(text.count / 1024) KiB)")
    print("  first scrape (creates the series): \(first)")
    print(
      "  read + render, later scrapes: best \(String(format: "%.1f", times[0] * 1000)) ms, median "
        + "\(String(format: "%.1f", times[times.count / 2] * 1000)) ms (\(repetitions) runs)")
  }
}
