import DriftAlerts
import DriftConfig
import DriftData
import DriftPostgres
import DriftStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `driftwatch serve` as a swift-service-lifecycle `Service`: the scheduler, config reload on
/// SIGHUP, the systemd watchdog and status, and a graceful stop.
///
/// - READY=1 is sent once the scheduler runs (the caller has validated the configuration and
///   opened and migrated the store before).
/// - SIGHUP reloads the configuration file: a valid one replaces the running monitors (each loop
///   finishes the window it is evaluating, then the new set starts); an invalid one is logged
///   issue by issue and the running configuration stays. RELOADING=1 and READY=1 bracket both.
/// - Graceful shutdown (SIGTERM, SIGINT through the `ServiceGroup`): STOPPING=1, no new window
///   starts, windows being evaluated are finished and stored, then `run()` returns. If that takes
///   longer than ``Options/shutdownLimit`` the process exits anyway: the open transaction dies
///   with it, so the window is stored later, whole, never half.
public struct DaemonService: Service, CustomStringConvertible {
  /// Just the name: ServiceLifecycle logs each service with `String(describing:)`, and the
  /// default description would print the configuration and the options' environment, secrets
  /// included (found by `SecretExposureTests`).
  public var description: String { "DaemonService" }

  /// How the service runs.
  public struct Options: Sendable {
    /// The configuration file, read again on SIGHUP.
    public var configPath: String
    /// Variables for `${VAR}` interpolation when reloading.
    public var environment: [String: String]
    /// How often systemd expects WATCHDOG=1, from `$WATCHDOG_USEC`; nil for no watchdog.
    public var watchdogTimeout: Duration?
    /// How long a graceful stop may wait for windows in progress.
    public var shutdownLimit: Duration
    /// What the monitor loops are doing, for the watchdog.
    public var heartbeat: Heartbeat
    /// More for the STATUS= line (firing alerts, outbox backlog), or nil.
    public var statusExtra: @Sendable () -> String?
    /// The daemon's clock: the scheduler's time and sleeps.
    public var clock: any WallClock
    /// Awaited before the scheduler starts and READY=1 is sent (the HTTP listener's bind);
    /// false means start-up failed elsewhere in the group, which is stopping.
    public var beforeReady: @Sendable () async -> Bool = { true }
    /// Called once the scheduler runs (after READY=1).
    public var onReady: @Sendable () -> Void = {}
    /// Called with the new configuration after every applied reload.
    public var onReload: @Sendable (Configuration) -> Void = { _ in }

    /// Creates options; `watchdogTimeout` defaults to what systemd set in `environment`.
    public init(
      configPath: String, environment: [String: String],
      watchdogTimeout: Duration? = nil, shutdownLimit: Duration = .seconds(30),
      heartbeat: Heartbeat = Heartbeat(), statusExtra: @escaping @Sendable () -> String? = { nil },
      clock: any WallClock = SystemClock()
    ) {
      self.clock = clock
      self.configPath = configPath
      self.environment = environment
      self.watchdogTimeout = watchdogTimeout ?? Self.watchdogTimeout(environment: environment)
      self.shutdownLimit = shutdownLimit
      self.heartbeat = heartbeat
      self.statusExtra = statusExtra
    }

    /// `$WATCHDOG_USEC` as a duration, when it is meant for this process (`$WATCHDOG_PID`, when
    /// set, names it) and positive.
    public static func watchdogTimeout(environment: [String: String]) -> Duration? {
      if let pid = environment["WATCHDOG_PID"], Int32(pid) != getpid() { return nil }
      guard let text = environment["WATCHDOG_USEC"], let micro = Int64(text), micro > 0 else {
        return nil
      }
      return .microseconds(micro)
    }
  }

  private enum Event: Sendable {
    case reload
    case shutdown
    /// The database file was deleted or replaced: stop, and fail.
    case storeLost(StoreError)
  }

  /// How often the daemon checks that its database file is still the one it opened.
  static let storeCheckPeriod = Duration.seconds(1)

  private let initial: Configuration
  private let store: DriftStore
  private let logger: Logger
  private let notifier: SystemdNotifier
  private let options: Options
  private let status: DaemonStatus

  /// Creates the service over a validated configuration and an open, migrated store.
  public init(
    configuration: Configuration, store: DriftStore, logger: Logger, notifier: SystemdNotifier,
    options: Options
  ) {
    self.initial = configuration
    self.store = store
    self.logger = logger
    self.notifier = notifier
    self.options = options
    self.status = DaemonStatus(
      monitors: configuration.monitors.count, extra: options.statusExtra)
  }

  /// Runs this service, and any others (the alert dispatcher), in a `ServiceGroup` that shuts
  /// down gracefully on SIGTERM and SIGINT; returns when they have stopped.
  public func runInServiceGroup(with others: [any Service] = []) async throws {
    // Child processes (command notifiers) must not talk to systemd in our name.
    for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] { unsetenv(name) }
    let services = ([self] + others).map {
      ServiceGroupConfiguration.ServiceConfiguration(
        service: $0, successTerminationBehavior: .gracefullyShutdownGroup)
    }
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
  }

  /// Runs the scheduler until graceful shutdown.
  ///
  /// - Throws: ``StoreError`` (`.notFound`, `.replaced`) when the database file was deleted or
  ///   replaced while the daemon ran: it stops (windows in progress finish first) and fails, so
  ///   systemd restarts it on the file now at the path.
  public func run() async throws {
    let (events, requests) = AsyncStream.makeStream(of: Event.self)
    let lost = LostStore()
    // Trap SIGHUP before READY=1: its default action would end the process.
    let hangups = await UnixSignalsSequence(trapping: .sighup)
    let deadline = ShutdownDeadline()
    guard await options.beforeReady() else {
      // Another service failed to start and will end the group: wait for that, quietly.
      try? await gracefulShutdown()
      return
    }
    await withGracefulShutdownHandler {
      await withTaskGroup(of: Void.self) { group in
        group.addTask {
          for await _ in hangups { requests.yield(.reload) }
        }
        if let timeout = options.watchdogTimeout, notifier.isEnabled {
          group.addTask { await self.watchdog(every: timeout / 2) }
        }
        group.addTask { await self.watchStoreFile(requests) }
        await supervise(events, lost: lost)
        group.cancelAll()
      }
    } onGracefulShutdown: { [logger, notifier, options] in
      notifier.send(["STOPPING=1", "STATUS=stopping: finishing the windows in progress"])
      logger.info("stopping: no new windows start; finishing the windows in progress")
      requests.yield(.shutdown)
      deadline.arm(after: options.shutdownLimit, logger: logger)
    }
    if let error = lost.error {
      notifier.send("STATUS=stopped: \(error.message)")
      throw error
    }
    logger.info("stopped")
  }

  /// Checks every ``storeCheckPeriod`` that the database file is the one the store opened.
  private func watchStoreFile(_ requests: AsyncStream<Event>.Continuation) async {
    while !Task.isCancelled {
      do {
        try store.checkFileIdentity()
      } catch {
        logger.critical("\(error.message)")
        requests.yield(.storeLost(error))
        return
      }
      try? await Task.sleep(for: Self.storeCheckPeriod)
    }
  }

  /// Runs one scheduler per configuration generation until shutdown.
  private func supervise(_ events: AsyncStream<Event>, lost: LostStore) async {
    var configuration = initial
    var iterator = events.makeAsyncIterator()
    var generation = 0
    var reloads = 0
    var pendingReceipt: ReloadReceipt?
    let receiptPath = ReloadReceipt.path(pid: getpid(), environment: options.environment)
    while true {
      let scheduler = Scheduler(
        configuration: configuration, store: store, log: logger, clock: options.clock)
      status.setMonitors(configuration.monitors.count)
      let next: Configuration? = await withTaskGroup(of: Void.self) { group in
        group.addTask {
          await scheduler.serve(
            heartbeat: options.heartbeat, onPass: { self.passFinished($0) })
        }
        notifier.send(["READY=1", "STATUS=\(status.line)"])
        status.markReady()
        options.onReady()
        // The reload is complete once the new monitors run: tell `driftwatch reload`.
        pendingReceipt?.write(path: receiptPath)
        pendingReceipt = nil
        if generation == 0 {
          logger.info(
            "ready: serving \(configuration.monitors.count) monitors, store \(store.path)")
        }
        while let event = await iterator.next() {
          switch event {
          case .shutdown:
            group.cancelAll()
            return nil
          case .storeLost(let error):
            notifier.send(["STOPPING=1", "STATUS=stopping: \(error.message)"])
            lost.error = error
            group.cancelAll()
            return nil
          case .reload:
            notifier.send([
              "RELOADING=1", "MONOTONIC_USEC=\(SystemdNotifier.monotonicMicroseconds())",
              "STATUS=reloading \(options.configPath)",
            ])
            reloads += 1
            if let reloaded = reload(replacing: configuration) {
              // Each loop finishes the window it is on; READY=1 follows once the new set runs.
              group.cancelAll()
              return reloaded
            }
            notifier.send(["READY=1", "STATUS=\(status.line)"])
            ReloadReceipt(
              count: reloads, applied: false,
              message: "configuration rejected, see the log; still running the previous one"
            ).write(path: receiptPath)
          }
        }
        group.cancelAll()  // the service task was cancelled: stop as for a shutdown
        return nil
      }
      guard let next else {
        // Stopped: the windows in progress have finished; close the servers' connections.
        PostgresPools.shared.closeAll()
        return
      }
      configuration = next
      // Pools of servers no monitor uses any more (or whose settings changed) are closed.
      PostgresPools.shared.retain(next.postgresSources)
      generation += 1
      options.onReload(next)
      logger.info("configuration reloaded: \(configuration.monitors.count) monitors running")
      pendingReceipt = ReloadReceipt(
        count: reloads, applied: true, message: "\(configuration.monitors.count) monitors running")
    }
  }

  /// Loads the configuration file again; nil (after logging every issue) when it is invalid.
  private func reload(replacing running: Configuration) -> Configuration? {
    logger.info("SIGHUP: reloading \(options.configPath)")
    let loaded: Configuration
    do {
      loaded = try ConfigLoader.load(path: options.configPath, environment: options.environment)
    } catch {
      for issue in error.issues { logger.error("\(issue)") }
      let count = error.issues.count
      let message =
        "reload rejected: \(count) problem\(count == 1 ? "" : "s") in the configuration; "
        + "still running the previous one"
      logger.error("\(message)")
      return nil
    }
    for warning in loaded.warningsOnThisHost() { logger.warning("\(warning)") }
    if loaded.storage.path != running.storage.path {
      let message =
        "storage.path changed to \(loaded.storage.path): a new database takes a restart; "
        + "still writing \(running.storage.path)"
      logger.warning("\(message)")
    }
    let old = Dictionary(running.monitors.map { ($0.name, $0.configHash) }) { first, _ in first }
    let new = Dictionary(loaded.monitors.map { ($0.name, $0.configHash) }) { first, _ in first }
    let added = new.keys.filter { old[$0] == nil }.sorted()
    let removed = old.keys.filter { new[$0] == nil }.sorted()
    let changed = new.keys.filter { old[$0] != nil && old[$0] != new[$0] }.sorted()
    for (what, names) in [("added", added), ("removed", removed), ("changed", changed)]
    where !names.isEmpty {
      logger.info("reload: monitors \(what): \(names.joined(separator: ", "))")
    }
    return loaded
  }

  private func passFinished(_ pass: MonitorPass) {
    guard pass.evaluated > 0 else { return }
    let last = try? store.lastWindowStart(monitor: pass.monitor)
    status.record(pass, lastWindow: last ?? nil)
    notifier.send("STATUS=\(status.line)")
  }

  /// Pings systemd every `period` while every monitor loop is healthy (see ``Heartbeat``).
  private func watchdog(every period: Duration) async {
    var silent = false
    while !Task.isCancelled {
      let stuck = options.heartbeat.stuckMonitors()
      if !status.isReady {
        // systemd expects READY=1 first; start-up has its own TimeoutStartSec.
      } else if stuck.isEmpty {
        notifier.send("WATCHDOG=1")
        silent = false
      } else if !silent {
        let message =
          "scheduler stuck (monitors: \(stuck.joined(separator: ", "))): withholding watchdog "
          + "pings so systemd restarts the service"
        logger.critical("\(message)")
        silent = true
      }
      try? await Task.sleep(for: period)
    }
  }
}

/// Ends the process if a graceful stop overruns its limit.
///
/// An evaluation runs on a Dispatch thread that cannot be interrupted; exiting is safe because a
/// window's record is one transaction: it is rolled back and computed again after the restart.
private final class ShutdownDeadline: Sendable {
  func arm(after limit: Duration, logger: Logger) {
    let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
      let message =
        "graceful stop took longer than \(limit): exiting; windows in progress are rolled back "
        + "and computed again at the next start"
      logger.warning("\(message)")
      _exit(0)
    }
  }
}

/// The error that made the daemon stop because its database file went away, if any.
private final class LostStore: Sendable {
  private let value = Mutex<StoreError?>(nil)

  var error: StoreError? {
    get { value.withLock { $0 } }
    set { value.withLock { $0 = newValue } }
  }
}
