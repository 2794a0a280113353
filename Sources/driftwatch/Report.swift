import ArgumentParser
import DriftHTML
import DriftHTTP
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
      history = try MonitorHistory.read(store, monitor: monitor, since: from, until: to)
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
}
