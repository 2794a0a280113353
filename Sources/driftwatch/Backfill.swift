import ArgumentParser
import DriftDaemon
import DriftData
import DriftStore
import Foundation

/// `driftwatch backfill`: compute the windows of a past period (idempotent).
struct Backfill: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compute a monitor's windows for a past period.",
    discussion: """
      Windows already stored are left as they are (failed ones are retried) unless --force is \
      given, which recomputes and replaces them. Backfilled windows are history only: they do \
      not send alerts unless --notify is given; then each window, oldest first, moves alert \
      states that have not yet seen a newer window (older windows never change them).
      """
  )

  @OptionGroup var config: ConfigOption

  @Option(help: "The monitor to backfill.")
  var monitor: String

  @Option(help: "Start of the period: RFC 3339, a date, or relative (-30d).")
  var from: String

  @Option(help: "End of the period (exclusive); default now.")
  var to: String = "now"

  @Flag(help: "Recompute windows that are already stored.")
  var force = false

  @Flag(help: "Let alert rules decide on the backfilled windows and queue notifications.")
  var notify = false

  @Flag(name: .shortAndLong, help: "Show no progress on standard error.")
  var quiet = false

  @OptionGroup var logging: LoggingOptions

  func run() async throws {
    let start = try TimeArgument.parse(from, option: "--from") ?? 0
    let end = try TimeArgument.parse(to, option: "--to") ?? 0
    guard start < end else { throw ValidationError("--from must be before --to") }
    let configuration = try config.load()
    let store = try StoreOpener.open(configuration.storage.path)
    let scheduler = Scheduler(
      configuration: configuration, store: store, log: try logging.makeLogger())
    let showProgress = !quiet && StandardError.isTerminal
    let pass: MonitorPass
    do {
      pass = try scheduler.backfill(
        monitor: monitor, from: start, to: end, force: force, notify: notify
      ) {
        done, total in
        if showProgress { StandardError.write("\rbackfill \(done)/\(total) windows\u{1B}[K") }
      }
    } catch {
      if showProgress { StandardError.write("\r\u{1B}[K") }
      StandardError.line("driftwatch: \(error)")
      throw Exit.input
    }
    if showProgress { StandardError.write("\r\u{1B}[K") }
    let counts = RunStatus.allCases.compactMap { status in
      pass.stored[status].map { "\($0) \(status.rawValue)" }
    }
    print(
      "\(monitor): \(pass.evaluated) windows computed\(counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))")"
    )
    if (pass.stored[.failed] ?? 0) > 0 { throw Exit.runtime }
  }
}
