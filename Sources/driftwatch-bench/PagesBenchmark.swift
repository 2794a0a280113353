import DriftData
import DriftHTML
import DriftHTTP
import DriftStats
import DriftStore
import Foundation

/// `driftwatch-bench pages [--windows N]`: a store holding a year of hourly windows of 20
/// features (3 tests each, with pictures), then the server time of every dashboard page type
/// (store reads plus rendering; monitor and feature pages over several ranges, a window page,
/// the overview), median and p95, and the bytes pictures add per window for 20 and 500
/// features.
enum PagesBenchmark {
  static let hour: Int64 = 3600
  /// 2024-01-01T00:00:00Z.
  static let firstWindow: Int64 = 1_704_067_200

  static func run(_ arguments: [String]) throws {
    var windows = 8760
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "--windows":
        guard let value = rest.popFirst().flatMap(Int.init), value >= 48 else {
          throw BenchmarkError("--windows needs a count of at least 48")
        }
        windows = value
      default: throw BenchmarkError("unknown option \(argument)")
      }
    }
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("driftwatch-bench-pages-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    for features in [20, 500] {
      let perWindow = try pictureBytes(features: features, directory: directory)
      print("pictures: \(features) features: \(perWindow) bytes per window (database pages)")
    }

    let path = directory.appendingPathComponent("year.db").path
    let template = try windowTemplate(features: 20)
    let store = try DriftStore(path: path)
    var batch: [WindowRecord] = []
    for index in 0..<windows {
      batch.append(record(template, index: index, pictures: true))
      if batch.count == 730 {
        try store.record(batch: batch)
        batch.removeAll()
      }
    }
    if !batch.isEmpty { try store.record(batch: batch) }
    print("pages: \(windows) hourly windows x 20 features x 3 tests, with pictures")
    let end = firstWindow + Int64(windows) * hour
    print("  server time per page (store reads + rendering), median and p95 of \(runs) runs:")
    let ranges = [("1 day", 1), ("7 days (default)", 7), ("30 days", 30), ("365 days", 365)]
    for (label, days) in ranges {
      let since = max(end - Int64(days) * 86_400, firstWindow)
      try report("monitor page, \(label)") {
        let history = try MonitorHistory.read(store, monitor: "bench", since: since, until: end)
        var page = MonitorPage(history: history)
        page.featureLink = { "/dashboard/monitors/bench/features/\($0)" }
        page.windowLink = { "/dashboard/monitors/bench/windows/\($0)" }
        return page.render().utf8.count
      }
    }
    for (label, days) in ranges {
      let since = max(end - Int64(days) * 86_400, firstWindow)
      try report("feature page, \(label)") {
        let history = try FeatureHistory.read(
          store, monitor: "bench", feature: "feature_0", since: since, until: end)
        var page = FeaturePage(history: history)
        page.windowLink = { "/dashboard/monitors/bench/windows/\($0)" }
        return page.render().utf8.count
      }
    }
    try report("window page (newest window)") {
      guard
        var page = try WindowPage.read(store, monitor: "bench", start: end - hour)
      else { throw BenchmarkError("the newest window is not stored") }
      page.featureLink = { "/dashboard/monitors/bench/features/\($0)" }
      return page.render().utf8.count
    }
    try report("overview page") {
      let status = try store.status()
      return OverviewPage(
        lines: status.map {
          .init(
            monitor: $0.monitor, lastWindow: $0.lastWindow?.window.start,
            lastStatus: $0.lastWindow?.status.rawValue,
            driftedFeatures: $0.lastWindow?.driftedFeatures ?? [],
            magnitude: $0.lastWindow?.magnitude, failures: $0.counts[.failed] ?? 0,
            lastError: nil)
        }, link: { "/dashboard/monitors/\($0)" }
      ).render().utf8.count
    }
  }

  /// Runs per page.
  static let runs = 15

  /// Times `body` ``runs`` times (after one warm-up run) and prints the median and p95 of the
  /// wall-clock time, the median CPU time of the thread (what the page costs when the machine
  /// is shared) and the page size.
  static func report(_ label: String, _ body: () throws -> Int) throws {
    var bytes = try body()
    var times: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      let cpuStart = threadCPUTime()
      bytes = try body()
      cpu.append(threadCPUTime() - cpuStart)
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    times.sort()
    cpu.sort()
    let median = times[times.count / 2]
    let p95 = times[min(times.count - 1, Int((Double(times.count) * 0.95).rounded(.up)) - 1)]
    print(
      "  \(label): median \(String(format: "%.1f", median * 1000)) ms, p95 "
        + "\(String(format: "%.1f", p95 * 1000)) ms, CPU \(String(format: "%.1f", cpu[cpu.count / 2] * 1000)) ms, "
        + "\(bytes / 1024) KiB")
  }

  /// Seconds of CPU this thread has used.
  static func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  /// Stores 48 windows with and without pictures; the difference in pages per window.
  static func pictureBytes(features: Int, directory: URL) throws -> Int {
    let template = try windowTemplate(features: features)
    var sizes: [Int] = []
    for pictures in [false, true] {
      let path = directory.appendingPathComponent("size-\(features)-\(pictures).db").path
      do {
        let store = try DriftStore(path: path)
        try store.record(batch: (0..<48).map { record(template, index: $0, pictures: pictures) })
      }
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      sizes.append((attributes[.size] as? Int) ?? 0)
    }
    return (sizes[1] - sizes[0]) / 48
  }

  /// One real evaluation of `features` numeric features (half shifted), as a window record.
  static func windowTemplate(features: Int) throws -> WindowRecord {
    func table(rows: Int, shift: Double, seed: UInt64) -> DriftStats.Table {
      var state = seed
      let columns = (0..<features).map { index -> Column in
        let values = (0..<rows).map { _ -> Double in
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          return Double(state >> 33) / Double(1 << 31) + (index % 2 == 0 ? shift : 0)
        }
        return Column(
          name: "feature_\(index)", kind: .numeric, values: .numeric(NumericColumn(values: values)))
      }
      return DriftStats.Table(columns: columns, rowCount: rows)
    }
    var settings = DriftSettings()
    settings.multivariate.enabled = false
    let report = try Evaluator.evaluate(
      profile: BaselineProfile(table: table(rows: 2000, shift: 0, seed: 1)),
      target: table(rows: 500, shift: 0.2, seed: 2), settings: settings)
    return WindowRecord(
      monitor: "bench", window: Window(start: firstWindow, end: firstWindow + hour),
      report: report, baselineHash: "b", configHash: "c", startedAt: 0, finishedAt: 0)
  }

  static func record(_ template: WindowRecord, index: Int, pictures: Bool) -> WindowRecord {
    var record = template
    let start = firstWindow + Int64(index) * hour
    record.window = Window(start: start, end: start + hour)
    if !pictures { record.pictures = [] }
    return record
  }
}
