import DriftData
import DriftStats
import DriftStore
import Foundation
import Testing

/// A long range is read merged (groups of consecutive windows, as the heat map's columns): the
/// page still shows every peak and every drifted cell, at its group's first window.
@Suite struct MergedHistoryTests {
  @Test func aPeakInALongRangeSurvivesTheMerge() throws {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(folder)
    let store = try DriftStore(path: folder.appendingPathComponent("driftwatch.db").path)
    let start: Int64 = 1_793_577_600  // 2026-11-02T00:00:00Z
    // 480 hourly windows: 3 per heat-map column. Feature "a" drifts in window 334 only.
    let records = (0..<480).map { index -> WindowRecord in
      let window = Window(start: start + Int64(index) * 3600, end: start + Int64(index + 1) * 3600)
      let features = ["a", "b"].map { name in
        let peak = name == "a" && index == 334
        return FeatureRecord(
          feature: name, kind: .numeric, test: .psi, statistic: peak ? 0.9 : 0.01,
          threshold: Threshold(statistic: 0.2), drifted: peak)
      }
      let drifted = index == 334
      return WindowRecord(
        monitor: "credit-model", window: window, status: .ok, rows: 100, startedAt: 0,
        finishedAt: 0, features: features,
        dataset: DatasetResult(
          features: 2, driftedFeatures: drifted ? 1 : 0, driftedShare: drifted ? 0.5 : 0,
          driftShareThreshold: 0.5, drifted: drifted))
    }
    try store.record(batch: records)
    let run = try CLIProcess.run([
      "report", "--config", config, "--monitor", "credit-model", "--since",
      "2026-11-02T00:00:00Z", "--until", "2026-11-22T00:00:00Z", "-o", "-",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let page = run.stdout
    #expect(page.contains("480 windows from"))
    // One drifted cell, at the first window of its group of three (333: 2026-11-15 21:00).
    let cells = page.components(separatedBy: "<rect class=\"cell drift\"").dropFirst()
    #expect(cells.count == 1)
    #expect(cells.first?.contains("a, 2026-11-15 21:00: drift, 3\u{00D7} the threshold") == true)
    // 160 columns of 2 features: every cell drawn once.
    #expect(page.components(separatedBy: "<rect class=\"cell").count - 1 == 320)
    // The psi chart of "a" reaches the peak: its axis top is 0.9 (no tick above 1).
    // The caption is the chart's aria-label and then its title: the marks follow the second.
    let chartA = page.components(separatedBy: "a: psi over time against its threshold")[2]
      .components(separatedBy: "</svg>")[0]
    #expect(
      chartA.contains(">0.9</text>") && chartA.contains(">0.45</text>"), "\(chartA.prefix(600))")
    #expect(chartA.contains("<circle class=\"dot drift\""))
  }
}
