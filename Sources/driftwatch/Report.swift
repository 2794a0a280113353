import ArgumentParser
import DriftHTML
import DriftStats
import DriftStore
import Foundation

/// `driftwatch report`: a monitor's history as one self-contained HTML file.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a monitor's drift history as one self-contained HTML page.",
    discussion: """
      Drift magnitude and drifted share over time, a heat map of features by windows, each \
      feature's tests over time against their thresholds, and the newest window's distribution \
      beside the baseline's. Inline SVG and CSS: the file needs no network (see docs/dashboard.md).
      """
  )

  @OptionGroup var config: ConfigOption

  @Option(help: "The monitor.")
  var monitor: String

  @Option(help: "From this time: RFC 3339, a date, or relative (-7d). Default: -30d.")
  var since: String = "-30d"

  @Option(help: "Until this time (exclusive). Default: now.")
  var until: String?

  @Option(name: .shortAndLong, help: "Write the page to this file ('-': standard output).")
  var output: String

  func run() throws {
    let now = Int64(Date().timeIntervalSince1970)
    let from = try TimeArgument.parse(since, option: "--since", now: now) ?? now
    let to = try TimeArgument.parse(until, option: "--until", now: now) ?? now
    guard to > from else { throw ValidationError("--until must be after --since") }
    let configuration = try config.load()
    let names = configuration.monitors.map(\.name)
    guard names.contains(monitor) else {
      throw ValidationError(
        "no monitor '\(monitor)'\(Suggestion.didYouMean(monitor, among: names)); monitors: "
          + names.joined(separator: ", "))
    }
    let store = try StoreOpener.openReadOnly(configuration.storage.path)
    let history: MonitorHistory
    do {
      history = try Self.history(store, monitor: monitor, since: from, until: to)
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
    let page = MonitorPage(history: history).render()
    if output == "-" {
      print(page, terminator: "")
      return
    }
    do {
      try Data(page.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      StandardError.line("driftwatch: cannot write \(output): \(error.localizedDescription)")
      throw Exit.runtime
    }
  }

  /// Reads what the page draws from the store: data-set rows, every result, newest pictures.
  static func history(_ store: DriftStore, monitor: String, since: Int64, until: Int64)
    throws(StoreError) -> MonitorHistory
  {
    let windows = try store.datasetHistory(monitor: monitor, since: since, until: until).map {
      MonitorHistory.WindowPoint(
        start: $0.window.start, end: $0.window.end, magnitude: $0.dataset.magnitude?.magnitude,
        driftedShare: $0.dataset.driftedShare,
        driftShareThreshold: $0.dataset.driftShareThreshold, drifted: $0.dataset.drifted)
    }
    let results = try store.history(HistoryQuery(monitor: monitor, since: since, until: until))
      .map {
        MonitorHistory.ResultPoint(
          windowStart: $0.window.start, feature: $0.result.feature, test: $0.result.test,
          statistic: $0.result.statistic, pValue: $0.result.adjustedPValue ?? $0.result.pValue,
          threshold: $0.result.threshold, drifted: $0.result.drifted)
      }
    var pictures: [String: FeaturePicture] = [:]
    if let newest = windows.last {
      for record in try store.pictures(monitor: monitor, windowStart: newest.start) {
        pictures[record.feature] = record.picture
      }
    }
    return MonitorHistory(
      monitor: monitor, since: since, until: until, windows: windows, results: results,
      latestPictures: pictures)
  }
}
