import ArgumentParser
import DriftAlerts
import DriftConfig
import DriftDaemon
import DriftData
import DriftHTTP
import DriftStore
import Foundation
import Logging
import ServiceLifecycle

/// `driftwatch serve`: the daemon in the foreground, logging to standard error; under systemd a
/// `Type=notify` service (see systemd/driftwatch.service).
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the monitors continuously: every window is evaluated once it is complete.",
    discussion: """
      SIGHUP reloads the configuration (an invalid one is logged and the running one kept). \
      SIGTERM or SIGINT stop it gracefully: no new window starts, the window being evaluated is \
      finished and stored (or, if the process dies first, rolled back), then it exits 0. Under \
      systemd it reports readiness, status and watchdog pings on $NOTIFY_SOCKET.
      """
  )

  @OptionGroup var config: ConfigOption
  @OptionGroup var logging: LoggingOptions

  @Option(help: "Start the clock at this time (RFC 3339); it then runs on. For replays and tests.")
  var now: String?

  // Fault tests only: the time is read from this file on every call, so a test can step the
  // clock of one running daemon back and forth (see FileClock). Hidden from --help.
  @Option(help: .hidden)
  var clockFile: String?

  func validate() throws {
    if now != nil && clockFile != nil {
      throw ValidationError("--now and --clock-file exclude each other")
    }
  }

  func run() async throws {
    let logger = try logging.makeLogger()
    let clock: any WallClock
    if let clockFile {
      do {
        clock = try FileClock(path: clockFile)
      } catch {
        throw ValidationError("--clock-file: \(error)")
      }
    } else {
      if let start = try TimeArgument.parse(now, option: "--now") {
        clock = ShiftedClock(startingAt: start)
      } else {
        clock = SystemClock()
      }
    }
    let environment = ProcessInfo.processInfo.environment
    let notifier = SystemdNotifier(environment: environment)
    let configuration: Configuration
    do {
      configuration = try ConfigLoader.load(path: config.path, environment: environment)
    } catch {
      for issue in error.issues { logger.error("\(issue)") }
      logger.critical(
        "\(error.issues.count) problem\(error.issues.count == 1 ? "" : "s") in the configuration")
      notifier.send("STATUS=invalid configuration \(config.path)")
      throw Exit.input
    }
    // Emails load libcurl only when the first one is sent: its absence is said now too.
    for warning in configuration.warningsOnThisHost() { logger.warning("\(warning)") }
    // Opening the store creates or migrates its schema: READY=1 waits for it.
    let store = try StoreOpener.open(configuration.storage.path)
    let delivery: AlertDelivery
    do {
      delivery = try await AlertDelivery.start(
        configuration: configuration, store: store, logger: logger, clock: clock)
    } catch {
      logger.critical("\(error)")
      notifier.send("STATUS=cannot set up notifier: \(error)")
      throw Exit.runtime
    }
    var options = DaemonService.Options(
      configPath: config.path, environment: environment,
      statusExtra: { Self.outboxStatus(store) }, clock: clock)
    var others: [any Service] = [delivery.service]
    if let http = configuration.http {
      let state = APIState(
        store: store, configuration: configuration, heartbeat: options.heartbeat,
        now: { clock.now() },
        requestTimeout: .seconds(http.requestTimeout))
      let listener = HTTPListener(
        settings: http, state: state, version: Driftwatch.configuration.version, logger: logger)
      others.append(listener)
      options.beforeReady = { await listener.gate.wait() != nil }
      options.onReady = { state.markSchedulerRunning() }
      options.onReload = { state.replace($0) }
    }
    let service = DaemonService(
      configuration: configuration, store: store, logger: logger, notifier: notifier,
      options: options)
    do {
      try await service.runInServiceGroup(with: others)
    } catch let error as ListenerError {
      // The configuration is valid but the machine's state is not (the port is taken, the TLS
      // files are unreadable): a runtime failure, exit 3, which systemd may retry.
      await delivery.shutdown()
      logger.critical("\(error)")
      notifier.send("STATUS=\(error)")
      throw Exit.runtime
    } catch let error as StoreError {
      // The database file went away under the daemon (logged already): exit 3, so systemd
      // restarts it on the file now at the path.
      await delivery.shutdown()
      logger.critical("stopped: \(error.kind.rawValue) database")
      throw Exit.runtime
    } catch {
      await delivery.shutdown()
      throw error
    }
    await delivery.shutdown()
  }

  /// The outbox part of the STATUS= line, e.g. `outbox 2 pending, 1 dead`.
  static func outboxStatus(_ store: DriftStore) -> String? {
    guard let backlog = try? store.outboxBacklog(), backlog.pending + backlog.dead > 0 else {
      return nil
    }
    return "outbox \(backlog.pending) pending, \(backlog.dead) dead"
  }
}
