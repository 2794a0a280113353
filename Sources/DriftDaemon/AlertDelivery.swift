import DriftAlerts
import DriftConfig
import DriftData
import DriftStore
import Logging
import ServiceLifecycle

/// The alert dispatcher with its notifiers and HTTP clients, as `serve` and `run-once` use it.
public final class AlertDelivery: Sendable {
  /// Delivers outbox rows.
  public let dispatcher: Dispatcher
  private let transport: WebhookTransport
  /// Re-posts firing alerts to Alertmanager notifiers; nil when there is none.
  let repeater: AlertmanagerRepeater?

  private init(dispatcher: Dispatcher, transport: WebhookTransport, repeater: AlertmanagerRepeater?)
  {
    self.dispatcher = dispatcher
    self.transport = transport
    self.repeater = repeater
  }

  /// Builds every configured notifier (reading SMTP passwords now) and the dispatcher.
  ///
  /// - Parameter clock: The daemon's clock, so replays with `--now` keep outbox times consistent.
  /// - Throws: ``NotifierSetupError`` naming the notifier that cannot be built.
  public static func start(
    configuration: Configuration, store: DriftStore, logger: Logger,
    clock: any WallClock
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
      store: store, notifiers: notifiers, log: logger, clock: clock)
    let repeater = AlertmanagerRepeater(
      store: store, configuration: configuration, notifiers: notifiers, log: logger, clock: clock)
    return AlertDelivery(dispatcher: dispatcher, transport: transport, repeater: repeater)
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
  public var service: some Service {
    DispatcherService(dispatcher: dispatcher, repeater: repeater)
  }
}

/// Runs the dispatcher's loops until the service group shuts down.
struct DispatcherService: Service {
  let dispatcher: Dispatcher
  let repeater: AlertmanagerRepeater?

  func run() async throws {
    await cancelWhenGracefulShutdown {
      await withTaskGroup(of: Void.self) { group in
        group.addTask { await dispatcher.run() }
        if let repeater { group.addTask { await repeater.run() } }
      }
    }
  }
}
