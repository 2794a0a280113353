import DriftData
import DriftHTML
import DriftHTTP
import DriftStats
import DriftStore
import Foundation
import Testing

/// A long range's merged history read through the roll-up (days, 4-hour blocks) equals the
/// merge of every stored result (the path before the roll-up), on a seeded store with
/// infinite, NaN and missing statistics, NaN p-values, features that come and go, windows without a data-set
/// row, windows filled in late, re-evaluated windows and a retention purge.
@Suite struct RollupHistoryTests {
  static let hour: Int64 = 3600
  /// 2025-01-01T01:00:00Z: 4-hour windows from 01:00, so no group starts at midnight.
  static let first: Int64 = 1_735_693_200
  static let windows = 2520

  /// Deterministic numbers for the seeded store.
  struct Numbers {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    /// A statistic: mostly finite (sometimes -0.0), else +inf, -inf, NaN or missing.
    mutating func statistic() -> Double? {
      switch next() {
      case ..<0.07: return .infinity
      case ..<0.11: return -.infinity
      case ..<0.18: return .nan
      case ..<0.22: return nil
      case ..<0.24: return -0.0
      default: return next()
      }
    }
  }

  static func record(_ index: Int, version: UInt64) -> WindowRecord {
    var numbers = Numbers(state: UInt64(index) &* 7919 &+ version)
    let start = first + Int64(index) * 4 * hour
    var features: [FeatureRecord] = []
    // "a" and "c" are in about half the windows: a group's points keep first-seen order.
    for name in ["a", "b", "c"] where name == "b" || numbers.next() < 0.5 {
      let raw = numbers.next() < 0.1 ? Double.nan : numbers.next()
      let adjusted: Double? = numbers.next() < 0.15 ? .nan : raw
      features.append(
        FeatureRecord(
          feature: name, kind: .numeric, test: .ks, statistic: numbers.statistic(), pValue: raw,
          adjustedPValue: adjusted, threshold: Threshold(pValue: 0.05),
          drifted: numbers.next() < 0.1))
      let threshold: Threshold? =
        switch Int(numbers.next() * 4) {
        case 0: Threshold(statistic: 0.2)
        case 1: Threshold(calibrated: CalibratedBand(lower: numbers.next(), upper: 0.8))
        case 2: Threshold(statistic: 0.1, beyondNoise: 0.01)
        default: nil
        }
      // Feature "b" has stretches of 30 windows (5 days) of one non-finite psi value.
      let statistic: Double? =
        switch name == "b" ? index / 30 % 5 : 0 {
        case 1: .infinity
        case 2: -.infinity
        case 3: .nan
        default: numbers.statistic()
        }
      features.append(
        FeatureRecord(
          feature: name, kind: .numeric, test: .psi, statistic: statistic,
          threshold: threshold, drifted: numbers.next() < 0.1))
    }
    let drifted = Set(features.filter(\.drifted).map(\.feature)).count
    return WindowRecord(
      monitor: "m", window: Window(start: start, end: start + 4 * hour), status: .ok,
      rows: 100, startedAt: 0, finishedAt: 0, features: features,
      // One window in 50 has results but no data-set row (an older driftwatch's window).
      dataset: index % 50 == 7
        ? nil
        : DatasetResult(
          features: 3, driftedFeatures: drifted, driftedShare: Double(drifted) / 3,
          driftShareThreshold: 0.5, drifted: drifted >= 2))
  }

  /// The merge of every stored result, as the dashboard did it before the roll-up: samples in
  /// window order, groups of `size` consecutive data-set windows, points in first-seen order.
  static func mergedFromResults(_ store: DriftStore, since: Int64, until: Int64) throws
    -> [MonitorHistory.ResultPoint]
  {
    let windows = try store.datasetVerdicts(monitor: "m", since: since, until: until).map {
      $0.window.start
    }
    let size = windows.count > 400 ? (windows.count + 199) / 200 : 1
    var points: [MonitorHistory.ResultPoint] = []
    var open: [Int64: Int] = [:]
    var openGroup = -1
    var cursor = 0
    func highest(_ a: Double?, _ b: Double?) -> Double? {
      guard let a, a.isFinite else { return b }
      guard let b, b.isFinite else { return a }
      return max(a, b)
    }
    func lowest(_ a: Double?, _ b: Double?) -> Double? {
      guard let a, a.isFinite else { return b }
      guard let b, b.isFinite else { return a }
      return min(a, b)
    }
    try store.scanResults(monitor: "m", since: since, until: until) { sample in
      while cursor + 1 < windows.count, windows[cursor + 1] <= sample.windowStart { cursor += 1 }
      let group = size == 1 ? -2 - points.count : cursor / size
      if group != openGroup {
        open = [:]
        openGroup = group
      }
      guard let index = open[sample.series] else {
        open[sample.series] = points.count
        points.append(
          MonitorHistory.ResultPoint(
            windowStart: size == 1 ? sample.windowStart : windows[group * size],
            feature: sample.feature, test: sample.test, statistic: sample.statistic,
            pValue: sample.pValue, threshold: sample.threshold, drifted: sample.drifted))
        return
      }
      points[index].statistic = highest(points[index].statistic, sample.statistic)
      points[index].pValue = lowest(points[index].pValue, sample.pValue)
      if let threshold = sample.threshold { points[index].threshold = threshold }
      if sample.drifted { points[index].drifted = true }
    }
    return points
  }

  @Test func rollUpPathEqualsTheMergeOfEveryResult() throws {
    let folder = try CLIProcess.temporaryFolder()
    let store = try DriftStore(path: folder.appendingPathComponent("driftwatch.db").path)
    // In order, in batches, with one window in 17 left out (filled in late below).
    let late = Set(stride(from: 5, to: Self.windows, by: 17))
    let inOrder = (0..<Self.windows).filter { !late.contains($0) }
    for chunk in stride(from: 0, to: inOrder.count, by: 300) {
      try store.record(
        batch: inOrder[chunk..<min(chunk + 300, inOrder.count)].map {
          Self.record($0, version: 1)
        })
    }
    // Late windows (stored before later windows of their day) and re-evaluations.
    for index in late.sorted() where index % 2 == 1 {
      try store.record(Self.record(index, version: 1))
    }
    for index in stride(from: 3, to: Self.windows, by: 41) {
      try store.record(Self.record(index, version: 2), replace: true)
    }
    // Retention: everything that ended before day 31, 13:00.
    let cutoff = Self.first + 30 * 86_400 + 12 * Self.hour
    #expect(try store.prune(olderThan: cutoff) > 100)

    let end = Self.first + Int64(Self.windows) * 4 * Self.hour
    let ranges: [(Int64, Int64)] = [
      (Self.first - 86_400, end + 86_400),  // everything: groups of 12 windows (48 hours)
      (Self.first + 50 * 86_400 + 47_831, end - 100 * 86_400 - 3_600),  // groups of 8
      (Self.first + 200 * 86_400 - Self.hour, Self.first + 290 * 86_400),  // groups of 3
      (Self.first + 60 * 86_400, Self.first + 100 * 86_400),  // not merged
    ]
    for (since, until) in ranges {
      let history = try MonitorHistory.read(store, monitor: "m", since: since, until: until)
      let expected = try Self.mergedFromResults(store, since: since, until: until)
      #expect(history.results.count == expected.count)
      let mismatch = expected.indices.first {
        $0 >= history.results.count || history.results[$0] != expected[$0]
      }
      let detail = mismatch.map { index -> String in
        let got = index < history.results.count ? "\(history.results[index])" : "nothing"
        return "point \(index): \(got), expected \(expected[index])"
      }
      #expect(mismatch == nil, "range \(since)..<\(until), \(detail ?? "")")
      var reference = history
      reference.results = expected
      #expect(MonitorPage(history: history).render() == MonitorPage(history: reference).render())
    }
    // The seed reaches the cases the roll-up must keep: non-finite-only groups and NaN.
    let all = try MonitorHistory.read(store, monitor: "m", since: ranges[0].0, until: ranges[0].1)
    #expect(all.results.contains { $0.statistic == .infinity })
    #expect(all.results.contains { $0.statistic == nil })
    #expect(all.results.contains { $0.statistic == -.infinity })
  }
}
