import DriftConfig
import DriftDaemon
import DriftStore
import Foundation
import Synchronization

/// What the routes read: the store, the running configuration and the daemon's health.
public final class APIState: Sendable {
  /// The history database; the routes only read it.
  let store: DriftStore
  /// The running configuration, replaced on every applied reload.
  private let current: Mutex<Configuration>
  /// Whether the scheduler runs (set once READY=1 was sent).
  private let schedulerRunning = Atomic<Bool>(false)
  /// The monitor loops' progress, for stuck monitors.
  let heartbeat: Heartbeat
  /// Seconds since the epoch.
  let now: @Sendable () -> Int64
  /// Blocking store reads run here.
  let reads: StoreQueue

  /// Creates the state.
  ///
  /// - Parameters:
  ///   - store: The open store.
  ///   - configuration: The configuration `serve` started with.
  ///   - heartbeat: The heartbeat the daemon's loops report to.
  ///   - now: The daemon's clock.
  ///   - requestTimeout: How long a store read may take before the request gets 503.
  public init(
    store: DriftStore, configuration: Configuration, heartbeat: Heartbeat,
    now: @escaping @Sendable () -> Int64, requestTimeout: Duration = .seconds(10)
  ) {
    self.reads = StoreQueue(width: 4, timeout: requestTimeout)
    self.store = store
    self.current = Mutex(configuration)
    self.heartbeat = heartbeat
    self.now = now
  }

  /// The running configuration.
  var configuration: Configuration { current.withLock { $0 } }

  /// Replaces the configuration after a reload.
  public func replace(_ configuration: Configuration) {
    current.withLock { $0 = configuration }
  }

  /// Marks the scheduler as running.
  public func markSchedulerRunning() {
    schedulerRunning.store(true, ordering: .relaxed)
  }

  /// Whether the scheduler runs.
  var isSchedulerRunning: Bool { schedulerRunning.load(ordering: .relaxed) }
}
