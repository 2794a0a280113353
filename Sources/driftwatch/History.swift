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

  @Option(help: "From this time: RFC 3339, a date, or relative (-7d). Default: -7d.")
  var since: String = "-7d"

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
    if wantsDataset {
      try showDataset(store, from: from, to: to)
      return
    }
    let rows: [HistoryRow]
    do {
      rows = try store.history(
        HistoryQuery(
          monitor: monitor, feature: feature, test: testFilter, since: from, until: to,
          driftedOnly: driftedOnly))
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
    switch format {
    case .table: print(HistoryTable(rows: rows).render(), terminator: "")
    case .json: print(JSONValue.array(rows.map(Self.json)).rendered())
    case .csv: print(Self.csv(rows), terminator: "")
    }
  }

  private func showDataset(_ store: DriftStore, from: Int64?, to: Int64?) throws {
    let rows: [DatasetHistoryRow]
    do {
      rows = try store.datasetHistory(
        monitor: monitor, since: from, until: to, driftedOnly: driftedOnly)
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
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
    var lines = [
      "monitor,window_start,window_end,feature,test,statistic,p_value,threshold,drifted,"
        + "contribution"
    ]
    for row in rows {
      lines.append(
        [
          row.monitor, Timestamp.format(row.window.start), Timestamp.format(row.window.end),
          row.result.feature,
          row.result.test.rawValue, row.result.statistic.map { JSONValue.format($0) } ?? "",
          row.result.pValue.map { JSONValue.format($0) } ?? "", row.result.threshold?.summary ?? "",
          row.result.drifted ? "true" : "false",
          row.contribution.flatMap { $0.isFinite ? JSONValue.format($0) : nil } ?? "",
        ].map(ReportRenderer.csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// The terminal rendering of history: one line per feature and test.
struct HistoryTable {
  var rows: [HistoryRow]

  static let bars = Array("▁▂▃▄▅▆▇█")

  func render() -> String {
    guard !rows.isEmpty else { return "No stored results match.\n" }
    var groups = [String: [HistoryRow]]()
    var order = [String]()
    for row in rows {
      let key = row.result.feature + "\u{0}" + row.result.test.rawValue
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(row)
    }
    let first = rows.map(\.window.start).min() ?? 0
    let last = rows.map(\.window.end).max() ?? 0
    var out = "\(rows[0].monitor): \(Timestamp.format(first)) to \(Timestamp.format(last))\n\n"
    // The contribution to the drift magnitude, when any window stored one (issue #6).
    let contributions = rows.contains { $0.contribution != nil }
    var header = ["", "FEATURE", "TEST", "WINDOWS", "DRIFTED", "LAST"]
    if contributions { header.append("CONTRIB") }
    var table: [[String]] = [header + ["STATISTIC (oldest -> newest)"]]
    for key in order {
      let group = groups[key] ?? []
      let drifted = group.filter(\.result.drifted).count
      let lastValue = group.last?.result.statistic.map { ReportTable.short($0) } ?? "-"
      var line = [
        group.last?.result.drifted == true ? "*" : "", group[0].result.feature,
        group[0].result.test.rawValue,
        String(group.count), String(drifted), lastValue,
      ]
      if contributions {
        line.append(group.last?.contribution.map(DatasetHistory.percent) ?? "-")
      }
      table.append(line + [Self.sparkline(group.map(\.result.statistic))])
    }
    out += ReportTable.align(table, rightAligned: contributions ? [3, 4, 5, 6] : [3, 4, 5])
    return out
  }

  /// One bar per window, scaled between the smallest and largest statistic; a gap for none.
  static func sparkline(_ values: [Double?], width: Int = 48) -> String {
    let tail = Array(values.suffix(width))
    let present = tail.compactMap { $0 }
    guard let low = present.min(), let high = present.max() else { return "" }
    let span = high - low
    return String(
      tail.map { value -> Character in
        guard let value else { return " " }
        let level = span > 0 ? Int(((value - low) / span * Double(bars.count - 1)).rounded()) : 0
        return bars[min(max(level, 0), bars.count - 1)]
      })
  }
}
