import DriftAlerts
import DriftConfig
import DriftStore
import Logging
import ServiceLifecycle

/// The alert dispatcher with its notifiers and HTTP clients, as `serve` and `run-once` use it.
public final class AlertDelivery: Sendable {
  /// Delivers outbox rows.
  public let dispatcher: Dispatcher
  private let transport: WebhookTransport

  private init(dispatcher: Dispatcher, transport: WebhookTransport) {
    self.dispatcher = dispatcher
    self.transport = transport
  }

  /// Builds every configured notifier (reading SMTP passwords now) and the dispatcher.
  ///
  /// - Parameter now: The daemon's clock, so replays with `--now` keep outbox times consistent.
  /// - Throws: ``NotifierSetupError`` naming the notifier that cannot be built.
  public static func start(
    configuration: Configuration, store: DriftStore, logger: Logger,
    now: @escaping @Sendable () -> Int64
  ) async throws(NotifierSetupError) -> AlertDelivery {
    let transport = WebhookTransport()
    let notifiers: [String: any Notifier]
    do {
      notifiers = try Dispatcher.notifiers(from: configuration, transport: transport, log: logger)
    } catch {
      try? await transport.shutdown()
      throw error
    }
    let dispatcher = Dispatcher(
      store: store, notifiers: notifiers, log: logger, clock: OffsetDispatcherClock(current: now))
    return AlertDelivery(dispatcher: dispatcher, transport: transport)
  }

  /// Attempts every due delivery once (each bounded by its notifier's timeout).
  public func deliverPending(now: Int64) async -> DeliveryPass {
    await dispatcher.deliverPending(now: now)
  }

  /// Closes the HTTP clients; call once, after delivery has stopped.
  public func shutdown() async {
    try? await transport.shutdown()
  }

  /// The dispatcher as a service of the daemon's `ServiceGroup`: delivers until graceful shutdown.
  public var service: some Service { DispatcherService(dispatcher: dispatcher) }
}

/// Runs the dispatcher's loops until the service group shuts down.
struct DispatcherService: Service {
  let dispatcher: Dispatcher

  func run() async throws {
    await cancelWhenGracefulShutdown {
      await dispatcher.run()
    }
  }
}

/// The daemon's clock for the dispatcher (the wall clock, or a replay clock with `--now`).
struct OffsetDispatcherClock: DispatcherClock {
  let current: @Sendable () -> Int64

  func now() -> Int64 { current() }

  func sleep(seconds: Double) async throws {
    try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
  }
}
