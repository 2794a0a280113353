import DriftData
import DriftHTML
import DriftHTTP
import DriftStats
import DriftStore
import Foundation

/// `driftwatch-bench pages [--windows N]`: a store holding a year of hourly windows of 20
/// features (3 tests each, with pictures), then the server time of the dashboard's pages (store
/// reads plus rendering) for several ranges, and the bytes pictures add per window for 20 and
/// 500 features.
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
    for (label, days) in [
      ("1 day", 1), ("7 days (default)", 7), ("30 days", 30), ("365 days", 365),
    ] {
      let since = end - Int64(days) * 86_400
      var bytes = 0
      let time = try median {
        let history = try MonitorHistory.read(store, monitor: "bench", since: since, until: end)
        bytes = MonitorPage(history: history).render().utf8.count
      }
      print(
        "  monitor page, \(label): \(String(format: "%.1f", time * 1000)) ms, "
          + "\(bytes / 1024) KiB")
    }
    let overview = try median {
      let status = try store.status()
      _ = OverviewPage(
        lines: status.map {
          .init(
            monitor: $0.monitor, lastWindow: $0.lastWindow?.window.start,
            lastStatus: $0.lastWindow?.status.rawValue,
            driftedFeatures: $0.lastWindow?.driftedFeatures ?? [],
            magnitude: $0.lastWindow?.magnitude, failures: $0.counts[.failed] ?? 0,
            lastError: nil)
        }, link: { "/dashboard/monitors/\($0)" }
      ).render()
    }
    print("  overview page: \(String(format: "%.1f", overview * 1000)) ms")
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

  /// The median of 7 runs, in seconds.
  static func median(_ body: () throws -> Void) throws -> Double {
    var times: [Double] = []
    for _ in 0..<7 {
      let start = DispatchTime.now().uptimeNanoseconds
      try body()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
  }
}
