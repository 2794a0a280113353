import ArgumentParser
import DriftConfig
import DriftDaemon
import DriftData
import DriftStore
import DriftViews
import Foundation

/// `driftwatch status`: per monitor, the last window, failures, skipped windows and what is next.
struct Status: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show each monitor's last window, drifted features, next due window and failures."
  )

  @OptionGroup var config: ConfigOption

  @Option(help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  func run() async throws {
    let configuration = try config.load()
    let store = try StoreOpener.openReadOnly(configuration.storage.path)
    let lines: [StatusView]
    do {
      lines = try StatusView.all(
        configuration: configuration, store: store, now: Int64(Date().timeIntervalSince1970))
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
    switch format {
    case .table: print(StatusView.table(lines), terminator: "")
    case .json: print(JSONValue.array(lines.map(\.json)).rendered())
    case .csv: print(StatusView.csv(lines), terminator: "")
    }
  }
}
