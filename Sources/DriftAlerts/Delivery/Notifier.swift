/// Delivers notifications to one receiver: a webhook, a mailbox, a program.
///
/// Implementations never throw: every failure is an outcome the dispatcher can act on, and
/// every attempt ends within about ``timeout`` seconds.
public protocol Notifier: Sendable {
  /// Seconds one attempt may take; the dispatcher abandons (and retries) attempts that overrun.
  var timeout: Int64 { get }

  /// Sends one notification.
  ///
  /// - Parameters:
  ///   - id: The notification id, the same on every attempt, for the receiver to de-duplicate.
  ///   - payload: The UTF-8 JSON payload.
  /// - Returns: Whether it was delivered, should be retried, or can never be delivered.
  func deliver(id: String, payload: [UInt8]) async -> DeliveryOutcome
}
