import ArgumentParser
import DriftData
import DriftStats
import DriftStore
import DriftViews
import Foundation

/// `driftwatch history`: the stored drift results of a monitor over time.
struct History: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a monitor's drift history: one line per feature and test, with a sparkline.",
    discussion: """
      JSON and CSV give one row per window, feature and test. --dataset (or --feature \
      __dataset__) shows the data-set level instead: per window the drift magnitude, AUC, \
      reconstruction error with its band, drifted share and drifted features.
      """
  )

  @OptionGroup var config: ConfigOption

  @Option(help: "The monitor.")
  var monitor: String

  @Option(help: "Only this feature; __dataset__ for the data-set level (as --dataset).")
  var feature: String?

  @Flag(help: "The data-set level: magnitude, AUC, reconstruction error, drifted share.")
  var dataset = false

  @Option(help: "Only this test.")
  var test: String?

  @Option(
    help:
      "From this time: RFC 3339, a date, or relative to now (-7d). Default: the 7 days before the monitor's newest stored window."
  )
  var since: String?

  @Option(help: "Until this time (exclusive). Default: now.")
  var until: String?

  @Flag(help: "Only results that drifted.")
  var driftedOnly = false

  @Option(help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  /// Whether the data-set level was asked for.
  var wantsDataset: Bool { dataset || feature == DriftStore.datasetFeatureName }

  func validate() throws {
    if dataset, let feature, feature != DriftStore.datasetFeatureName {
      throw ValidationError("--dataset and --feature \(feature) exclude each other")
    }
    if wantsDataset, test != nil {
      throw ValidationError(
        "--test applies to features; the data-set level has no tests (leave --test out)")
    }
  }

  func run() async throws {
    var testFilter: DriftTest?
    if let test {
      guard let parsed = DriftTest(rawValue: test) else {
        let names = DriftTest.allCases.map(\.rawValue)
        throw ValidationError(
          "--test: unknown test '\(test)'\(Suggestion.didYouMean(test, among: names))")
      }
      testFilter = parsed
    }
    let from = try TimeArgument.parse(since, option: "--since")
    let to = try TimeArgument.parse(until, option: "--until")
    let configuration = try config.load()
    let names = configuration.monitors.map(\.name)
    guard names.contains(monitor) else {
      throw ValidationError(
        "no monitor '\(monitor)'\(Suggestion.didYouMean(monitor, among: names)); monitors: \(names.joined(separator: ", "))"
      )
    }
    let store = try StoreOpener.openReadOnly(configuration.storage.path)
    let stored: StoredRange?
    do {
      stored = try store.storedRange(monitor: monitor)
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
    let window = HistoryWindow(since: from, until: to, stored: stored)
    if wantsDataset {
      try showDataset(store, window: window, stored: stored)
      return
    }
    let rows: [HistoryRow]
    do {
      rows = try store.history(
        HistoryQuery(
          monitor: monitor, feature: feature, test: testFilter, since: window.since,
          until: window.until, driftedOnly: driftedOnly))
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
    if rows.isEmpty {
      var filters: [String] = []
      if let feature { filters.append("--feature \(feature)") }
      if let test { filters.append("--test \(test)") }
      if driftedOnly { filters.append("--drifted-only") }
      StandardError.line(
        window.emptyResultHint(monitor: monitor, stored: stored, filters: filters))
    }
    switch format {
    case .table: print(HistoryTable(rows: rows).render(), terminator: "")
    case .json: print(JSONValue.array(rows.map(Self.json)).rendered())
    case .csv: print(Self.csv(rows), terminator: "")
    }
  }

  private func showDataset(_ store: DriftStore, window: HistoryWindow, stored: StoredRange?)
    throws
  {
    let rows: [DatasetHistoryRow]
    do {
      rows = try store.datasetHistory(
        monitor: monitor, since: window.since, until: window.until, driftedOnly: driftedOnly)
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
    if rows.isEmpty {
      // Only `ok` windows have data-set results.
      var filters = ["--dataset"]
      if driftedOnly { filters.append("--drifted-only") }
      StandardError.line(
        window.emptyResultHint(monitor: monitor, stored: stored, filters: filters))
    }
    switch format {
    case .table: print(DatasetHistory(rows: rows).table(), terminator: "")
    case .json: print(JSONValue.array(rows.map(DatasetHistoryView.json)).rendered())
    case .csv: print(DatasetHistory.csv(rows), terminator: "")
    }
  }

  /// The shared JSON shape (the API answers the same).
  static func json(_ row: HistoryRow) -> JSONValue { HistoryView.json(row) }

  static func csv(_ rows: [HistoryRow]) -> String {
    // Push-down results add their exactness; other histories keep the columns they had.
    let exactness = rows.contains { $0.result.exactness != nil }
    var lines = [
      "monitor,window_start,window_end,feature,test,statistic,p_value,threshold,drifted,"
        + "contribution" + (exactness ? ",exactness,exactness_bound" : "")
    ]
    for row in rows {
      let extra =
        exactness
        ? [
          row.result.exactness?.name ?? "exact",
          row.result.exactness?.bound.map { JSONValue.format($0) } ?? "",
        ] : []
      lines.append(
        ([
          row.monitor, Timestamp.format(row.window.start), Timestamp.format(row.window.end),
          row.result.feature,
          row.result.test.rawValue, row.result.statistic.map { JSONValue.format($0) } ?? "",
          row.result.pValue.map { JSONValue.format($0) } ?? "", row.result.threshold?.summary ?? "",
          row.result.drifted ? "true" : "false",
          row.contribution.flatMap { $0.isFinite ? JSONValue.format($0) : nil } ?? "",
        ] + extra).map(ReportRenderer.csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
