import DriftData
import DriftStore
import Foundation
import Logging

/// Delivers the outbox at least once: each due row goes to its notifier, is marked delivered
/// only after the receiver accepted it, and is otherwise retried with backoff until it is
/// delivered, fails permanently, or passes `maxAge`.
///
/// A crash (even SIGKILL) between the send and the mark leaves the row pending: it is sent
/// again with the same id, one duplicate and never a loss. Notifiers run concurrently and each
/// attempt is bounded by its notifier's timeout, so a slow receiver holds up only itself; after
/// a failed attempt its notifier waits for that row's retry time before trying any other row,
/// so a receiver that is down is not hammered, and a pass stays bounded by one timeout per
/// notifier.
public final class Dispatcher: Sendable {
  /// Where the outbox lives.
  let store: DriftStore
  /// The notifiers, by name.
  let notifiers: [String: any Notifier]
  /// Where deliveries are logged (never with secrets).
  let log: Logger
  /// Seconds after which an undelivered row is dead-lettered.
  let maxAge: Int64
  /// Time and sleep.
  let clock: any WallClock
  /// Retry delays.
  let backoff: Backoff
  /// Rows fetched per notifier per pass.
  let batchSize: Int
  /// Per notifier: no attempt before this time (after a failure). Guarded by its lock.
  private let holds = LockedValue<[String: Int64]>([:])

  /// A dispatcher.
  ///
  /// - Parameters:
  ///   - store: The history store holding the outbox.
  ///   - notifiers: The notifiers, by the names outbox rows use.
  ///   - log: Where deliveries are logged.
  ///   - maxAge: Seconds after which an undelivered row becomes a dead letter (24 hours).
  ///   - clock: Time and sleep (tests inject their own).
  ///   - backoff: Retry delays (tests pass a seeded one).
  ///   - batchSize: Rows fetched per notifier per pass.
  public init(
    store: DriftStore, notifiers: [String: any Notifier], log: Logger, maxAge: Int64 = 86_400,
    clock: any WallClock = SystemClock(), backoff: Backoff = Backoff(),
    batchSize: Int = 200
  ) {
    self.store = store
    self.notifiers = notifiers
    self.log = log
    self.maxAge = maxAge
    self.clock = clock
    self.backoff = backoff
    self.batchSize = batchSize
  }

  /// Attempts every row due at `now` once (run-once, and each tick of ``run()``): expired rows
  /// are dead-lettered first, then the notifiers run concurrently.
  public func deliverPending(now: Int64) async -> DeliveryPass {
    var pass = DeliveryPass()
    do {
      pass.expired = try expire(now: now)
    } catch {
      log.error("outbox: \(error)")
      pass.storeError = "\(error)"
      return pass
    }
    await withTaskGroup(of: DeliveryPass.self) { group in
      for name in notifiers.keys.sorted() {
        group.addTask { await self.deliver(notifier: name, now: now) }
      }
      for await lane in group {
        pass.attempts += lane.attempts
        pass.deferred += lane.deferred
        pass.storeError = pass.storeError ?? lane.storeError
      }
    }
    return pass
  }

  /// Delivers until the task is cancelled: one loop per notifier, each waking about every
  /// second, so a hanging receiver never delays the others. Attempts under way when the task is
  /// cancelled finish (bounded by their timeouts) and are recorded.
  public func run() async {
    await withTaskGroup(of: Void.self) { group in
      group.addTask {
        while !Task.isCancelled {
          do {
            _ = try self.expire(now: self.clock.now())
          } catch {
            self.log.error("outbox: \(error)")
          }
          guard (try? await self.clock.sleep(seconds: 10)) != nil else { return }
        }
      }
      for name in notifiers.keys.sorted() {
        group.addTask {
          while !Task.isCancelled {
            _ = await self.deliver(notifier: name, now: self.clock.now())
            guard (try? await self.clock.sleep(seconds: 1)) != nil else { return }
          }
        }
      }
    }
  }

  /// Dead-letters rows older than `maxAge` and rows for notifiers that are not configured.
  /// - Returns: How many rows it dead-lettered.
  func expire(now: Int64) throws(StoreError) -> Int {
    var count = 0
    for item in try store.pendingDeliveries(now: now, limit: 10_000) {
      let reason: String
      if notifiers[item.notifier] == nil {
        reason = "no notifier named '\(item.notifier)' in the configuration"
      } else if now - item.createdAt >= maxAge {
        reason =
          "not delivered within \(maxAge)s after \(item.attempts) attempts"
          + (item.lastError.map { "; last error: \($0)" } ?? "")
      } else {
        continue
      }
      try store.markDead(
        notificationID: item.notificationID, notifier: item.notifier, at: now, reason: reason,
        attempted: false)
      log.error(
        "alert notification dead-lettered",
        metadata: [
          "notification": "\(item.notificationID)", "notifier": "\(item.notifier)",
          "reason": "\(reason)",
        ])
      count += 1
    }
    return count
  }

  /// One notifier's due rows, in order, until one fails.
  private func deliver(notifier name: String, now: Int64) async -> DeliveryPass {
    var pass = DeliveryPass()
    guard let notifier = notifiers[name] else { return pass }
    let rows: [OutboxItem]
    do {
      rows = try store.pendingDeliveries(now: now, limit: batchSize, notifier: name)
    } catch {
      log.error("outbox: \(error)")
      pass.storeError = "\(error)"
      return pass
    }
    for (index, row) in rows.enumerated() {
      if let hold = holds.withLock({ $0[name] }), hold > now {
        pass.deferred = rows.count - index
        break
      }
      let outcome = await Self.attempt(notifier, id: row.notificationID, payload: row.payload)
      pass.attempts.append(
        DeliveryPass.Attempt(notificationID: row.notificationID, notifier: name, outcome: outcome))
      do {
        try record(outcome, for: row, now: now)
      } catch {
        // The row stays as it was: delivered rows will be sent once more, never lost.
        log.error("outbox: \(error)")
        pass.storeError = "\(error)"
        break
      }
    }
    return pass
  }

  private func record(_ outcome: DeliveryOutcome, for row: OutboxItem, now: Int64)
    throws(StoreError)
  {
    let metadata: Logger.Metadata = [
      "notification": "\(row.notificationID)", "notifier": "\(row.notifier)",
      "attempt": "\(row.attempts + 1)",
    ]
    switch outcome {
    case .delivered(let detail):
      try store.markDelivered(notificationID: row.notificationID, notifier: row.notifier, at: now)
      holds.withLock { $0[row.notifier] = nil }
      log.info("alert notification delivered: \(detail)", metadata: metadata)
    case .retry(let after, let reason):
      let wait = after ?? backoff.delay(afterAttempts: row.attempts + 1)
      let next = now + max(1, wait)
      try store.markRetry(
        notificationID: row.notificationID, notifier: row.notifier, nextAttemptAt: next,
        error: reason)
      holds.withLock { $0[row.notifier] = next }
      log.warning(
        "alert notification failed, retry in \(next - now)s: \(reason)", metadata: metadata)
    case .dead(let reason):
      try store.markDead(
        notificationID: row.notificationID, notifier: row.notifier, at: now, reason: reason)
      log.error("alert notification failed permanently: \(reason)", metadata: metadata)
    }
  }

  /// One attempt, abandoned (and retried later) when the notifier overruns its timeout by
  /// five seconds; the abandoned work is cancelled and its late answer ignored.
  static func attempt(_ notifier: any Notifier, id: String, payload: [UInt8]) async
    -> DeliveryOutcome
  {
    let limit = notifier.timeout + 5
    let first = FirstOutcome()
    let work = Task { first.offer(await notifier.deliver(id: id, payload: payload)) }
    let timer = Task {
      try await Task.sleep(for: .seconds(limit))
      first.offer(.retry(after: nil, reason: "no answer within \(limit)s"))
      work.cancel()
    }
    let outcome = await first.value()
    timer.cancel()
    return outcome
  }
}
