import ArgumentParser
import Dispatch
import DriftDaemon
import Foundation

/// `driftwatch serve`: the daemon in the foreground, logging to standard error.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the monitors continuously: every window is evaluated once it is complete.",
    discussion: """
      SIGTERM or SIGINT stop it gracefully: no new window starts, the window being evaluated is \
      finished and stored (or, if the process dies first, rolled back), then it exits 0.
      """
  )

  @OptionGroup var config: ConfigOption

  @Option(help: "Log level: debug, info, warning or error.")
  var logLevel: String = "info"

  func run() async throws {
    let log = standardErrorLog(minimum: try LogLevelArgument.parse(logLevel))
    let configuration = try config.load()
    let store = try StoreOpener.open(configuration.storage.path)
    let scheduler = Scheduler(configuration: configuration, store: store, log: log)
    log(
      .info, "serving \(configuration.monitors.count) monitors, store \(configuration.storage.path)"
    )
    let work = Task { await scheduler.serve() }
    let signals = ShutdownSignals { signal in
      log(.info, "received \(signal), finishing the current windows and stopping")
      work.cancel()
    }
    await work.value
    signals.cancel()
    log(.info, "stopped")
  }
}

/// Turns SIGTERM and SIGINT into a callback on a Dispatch queue (instead of killing the process).
///
/// `@unchecked Sendable`: the sources are set once in `init` and only cancelled afterwards;
/// Dispatch sources are thread-safe.
final class ShutdownSignals: @unchecked Sendable {
  private let sources: [DispatchSourceSignal]

  init(_ handler: @escaping @Sendable (String) -> Void) {
    var sources = [DispatchSourceSignal]()
    for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { handler(name) }
      source.resume()
      sources.append(source)
    }
    self.sources = sources
  }

  func cancel() {
    for source in sources { source.cancel() }
  }
}
