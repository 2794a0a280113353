import ArgumentParser
import DriftData
import DriftStats
import DriftStore
import DriftViews
import Foundation

/// `driftwatch alerts`: alert history with the delivery of each notification, and (from the
/// delivery work) `alerts test`.
struct Alerts: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show alert history with delivery status per notifier, or test a notifier.",
    subcommands: [List.self, Test.self],
    defaultSubcommand: List.self
  )
}

extension Alerts {
  /// `driftwatch alerts [list]`: every stored alert transition and re-notification.
  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show alert transitions, oldest window first, with delivery per notifier.",
      discussion: """
        A delivery is pending (not yet accepted; attempts and the last error say why), \
        delivered, or dead (given up on; the reason is shown).
        """
    )

    @OptionGroup var config: ConfigOption

    @Option(help: "Only this monitor.")
    var monitor: String?

    @Option(help: "Windows from this time: RFC 3339, a date, or relative (-7d). Default: all.")
    var since: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func run() async throws {
      let from = try TimeArgument.parse(since, option: "--since")
      let configuration = try config.load()
      if let monitor {
        let names = configuration.monitors.map(\.name)
        guard names.contains(monitor) else {
          throw ValidationError(
            "no monitor '\(monitor)'\(Suggestion.didYouMean(monitor, among: names)); monitors: \(names.joined(separator: ", "))"
          )
        }
      }
      let store = try StoreOpener.openReadOnly(configuration.storage.path)
      let rows: [AlertEventRow]
      do {
        rows = try store.alertEvents(monitor: monitor, since: from)
      } catch {
        StandardError.line("driftwatch: \(error)")
        throw Exit.runtime
      }
      switch format {
      case .table: print(AlertsTable.render(rows), terminator: "")
      case .json: print(JSONValue.array(rows.map(AlertsTable.json)).rendered())
      case .csv: print(AlertsTable.csv(rows), terminator: "")
      }
    }
  }
}
