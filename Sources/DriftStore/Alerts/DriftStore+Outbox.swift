import Foundation
import GRDB

extension DriftStore {
  /// Pending deliveries and dead letters in the outbox.
  public struct OutboxBacklog: Sendable, Equatable {
    /// Rows neither delivered nor dead (due now or later).
    public var pending: Int
    /// Rows given up on.
    public var dead: Int

    /// Creates counts.
    public init(pending: Int, dead: Int) {
      self.pending = pending
      self.dead = dead
    }
  }

  /// Writes one outbox row per notifier for a notification; rows already there are kept, so
  /// writing a notification twice never resets its delivery state.
  ///
  /// The alert decision writes its rows inside the window's transaction; this is for the rest
  /// (tests, tools).
  public func enqueue(
    notificationID: String, notifiers: [String], monitorID: Int64, windowStart: Int64,
    payload: [UInt8], now: Int64
  ) throws(StoreError) {
    try perform("queueing notification \(notificationID)") {
      try database.write { db in
        for notifier in notifiers {
          try db.execute(
            sql: """
              INSERT OR IGNORE INTO outbox (notification_id, notifier, monitor_id, window_start,
                payload, created_at, next_attempt_at)
              VALUES (?, ?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              notificationID, notifier, monitorID, windowStart, Data(payload), now, now,
            ])
        }
      }
    }
  }

  /// Rows to attempt now: not delivered, not dead, due at or before `now`; earliest due first.
  ///
  /// - Parameters:
  ///   - now: Unix seconds.
  ///   - limit: The most rows returned.
  ///   - notifier: Only this notifier's rows, or every notifier's.
  public func pendingDeliveries(now: Int64, limit: Int = 500, notifier: String? = nil)
    throws(StoreError) -> [OutboxItem]
  {
    try perform("reading due deliveries") {
      try database.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT * FROM outbox
            WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ?
              AND (? IS NULL OR notifier = ?)
            ORDER BY next_attempt_at, created_at, notification_id, notifier
            LIMIT ?
            """, arguments: [now, notifier, notifier, limit]
        ).map(Self.outboxItem)
      }
    }
  }

  /// Records a successful attempt. Called only after the receiver accepted the notification,
  /// so a crash in between means a duplicate, never a loss.
  public func markDelivered(notificationID: String, notifier: String, at now: Int64)
    throws(StoreError)
  {
    try update(
      "marking \(notificationID) delivered to \(notifier)",
      sql: """
        UPDATE outbox SET attempts = attempts + 1, delivered_at = ?, last_error = NULL
        WHERE notification_id = ? AND notifier = ? AND delivered_at IS NULL AND dead_at IS NULL
        """, arguments: [now, notificationID, notifier])
  }

  /// Records a failed attempt to be retried at `nextAttemptAt`.
  public func markRetry(
    notificationID: String, notifier: String, nextAttemptAt: Int64, error: String
  ) throws(StoreError) {
    try update(
      "scheduling a retry of \(notificationID) to \(notifier)",
      sql: """
        UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
        WHERE notification_id = ? AND notifier = ? AND delivered_at IS NULL AND dead_at IS NULL
        """, arguments: [nextAttemptAt, error, notificationID, notifier])
  }

  /// Gives up on a row: it stays in the outbox as a dead letter with `reason`.
  ///
  /// - Parameter attempted: Whether an attempt led to this (counted), or the row expired.
  public func markDead(
    notificationID: String, notifier: String, at now: Int64, reason: String,
    attempted: Bool = true
  ) throws(StoreError) {
    try update(
      "dead-lettering \(notificationID) to \(notifier)",
      sql: """
        UPDATE outbox SET attempts = attempts + ?, dead_at = ?, dead_reason = ?
        WHERE notification_id = ? AND notifier = ? AND delivered_at IS NULL AND dead_at IS NULL
        """, arguments: [attempted ? 1 : 0, now, reason, notificationID, notifier])
  }

  /// How many rows are pending and how many are dead.
  public func outboxBacklog() throws(StoreError) -> OutboxBacklog {
    try perform("counting the outbox") {
      try database.read { db in
        let pending =
          try Int.fetchOne(
            db,
            sql: """
              SELECT count(*) FROM outbox INDEXED BY outbox_due
              WHERE delivered_at IS NULL AND dead_at IS NULL
              """) ?? 0
        let dead =
          try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE dead_at IS NOT NULL") ?? 0
        return OutboxBacklog(pending: pending, dead: dead)
      }
    }
  }

  /// The most recent dead letters, newest first.
  public func deadLetters(limit: Int = 100) throws(StoreError) -> [OutboxItem] {
    try perform("reading dead letters") {
      try database.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT * FROM outbox WHERE dead_at IS NOT NULL
            ORDER BY dead_at DESC, notification_id, notifier LIMIT ?
            """, arguments: [limit]
        ).map(Self.outboxItem)
      }
    }
  }

  /// Every row of one notification (tests, `alerts` history).
  public func outboxRows(notificationID: String) throws(StoreError) -> [OutboxItem] {
    try perform("reading the outbox") {
      try database.read { db in
        try Row.fetchAll(
          db, sql: "SELECT * FROM outbox WHERE notification_id = ? ORDER BY notifier",
          arguments: [notificationID]
        ).map(Self.outboxItem)
      }
    }
  }

  private func update(_ action: String, sql: String, arguments: StatementArguments)
    throws(StoreError)
  {
    try perform(action) {
      try database.write { db in try db.execute(sql: sql, arguments: arguments) }
    }
  }

  private static func outboxItem(_ row: Row) -> OutboxItem {
    let payload: Data = row["payload"]
    return OutboxItem(
      notificationID: row["notification_id"], notifier: row["notifier"],
      monitorID: row["monitor_id"], windowStart: row["window_start"], payload: [UInt8](payload),
      createdAt: row["created_at"], attempts: row["attempts"],
      nextAttemptAt: row["next_attempt_at"], lastError: row["last_error"],
      deliveredAt: row["delivered_at"], deadAt: row["dead_at"], deadReason: row["dead_reason"])
  }
}
