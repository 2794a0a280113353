import ArgumentParser
import DriftAlerts
import DriftConfig
import DriftDaemon
import DriftData
import DriftStore
import Foundation

/// `driftwatch run-once`: process every due window of every monitor, then exit (for cron).
struct RunOnce: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run-once",
    abstract: "Process every due window of every monitor once and exit.",
    discussion:
      "Exit status 3 when a window failed or the store could not be written; see 'status'."
  )

  @OptionGroup var config: ConfigOption

  @Option(help: "Treat this time as now (RFC 3339); for replaying and tests.")
  var now: String?

  @OptionGroup var logging: LoggingOptions

  func run() async throws {
    let configuration = try config.load()
    let current =
      try TimeArgument.parse(now, option: "--now") ?? Int64(Date().timeIntervalSince1970)
    let store = try StoreOpener.open(configuration.storage.path)
    let log = try logging.makeLogger()
    for warning in configuration.warningsOnThisHost() { log.warning("\(warning)") }
    let delivery: AlertDelivery
    do {
      delivery = try await AlertDelivery.start(
        configuration: configuration, store: store, logger: log, clock: ManualClock(now: current))
    } catch {
      StandardError.line("driftwatch: \(error)")
      throw Exit.runtime
    }
    let scheduler = Scheduler(configuration: configuration, store: store, log: log)
    let passes = await scheduler.runOnce(now: current)
    // Cron-style use alerts too: every pending delivery is attempted once before exiting,
    // each bounded by its notifier's timeout.
    let deliveries = await delivery.deliverPending(now: current)
    await delivery.shutdown()
    var failed = false
    for pass in passes {
      let counts = RunStatus.allCases.compactMap { status in
        pass.stored[status].map { "\($0) \(status.rawValue)" }
      }
      var line = "\(pass.monitor): \(pass.evaluated) windows"
      if !counts.isEmpty { line += " (\(counts.joined(separator: ", ")))" }
      if pass.skipped > 0 { line += ", \(pass.skipped) skipped beyond catch_up" }
      print(TerminalText.escaped(line))
      for error in pass.errors { StandardError.line("driftwatch: \(pass.monitor): \(error)") }
      failed = failed || !pass.errors.isEmpty || (pass.stored[.failed] ?? 0) > 0
    }
    if !deliveries.attempts.isEmpty || deliveries.expired > 0 {
      var line = "alerts: \(deliveries.delivered) delivered, \(deliveries.retried) to retry, "
      line += "\(deliveries.dead) dead"
      if deliveries.expired > 0 { line += ", \(deliveries.expired) expired" }
      print(line)
    }
    if let error = deliveries.storeError { StandardError.line("driftwatch: outbox: \(error)") }
    if failed { throw Exit.runtime }
  }
}
