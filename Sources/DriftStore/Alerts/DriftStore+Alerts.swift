import DriftAlertModel
import Foundation
import GRDB

extension DriftStore {
  /// Stores one window and what the alert rules decide about it, in ONE transaction: the run
  /// row and results, the alert states, the alert events and one outbox row per
  /// (notification, notifier). A crash at any point keeps all of it or none.
  ///
  /// `alerts` runs inside the transaction, after the window is written, with the monitor's
  /// alert states as stored at that moment; whatever it returns is written before commit.
  ///
  /// - Parameters:
  ///   - window: The window, following the rules of ``record(_:replace:)``.
  ///   - replace: Replace a window already stored as final (`backfill --force`).
  ///   - now: Seconds since the epoch, stamped on events and outbox rows (`created_at`, and
  ///     `next_attempt_at` so the dispatcher picks new rows up at once).
  ///   - alerts: Decides the alert changes from the current states.
  /// - Returns: What is now stored for the window.
  /// - Throws: The errors of ``record(_:replace:)``; `.invalidRecord` when a notification is
  ///   queued twice for one notifier (nothing is written); whatever `alerts` throws, wrapped.
  @discardableResult
  public func record(
    _ window: WindowRecord, replace: Bool, now: Int64,
    alerts: (AlertContext) throws -> AlertDecision
  ) throws(StoreError) -> WindowState {
    try record(window, replace: replace) { db, stored in
      guard let monitorID = try InternedNames.existingMonitor(window.monitor, in: db) else {
        return  // unreachable: writing the window interned the monitor
      }
      let context = AlertContext(
        states: try Self.alertStates(monitorID: monitorID, in: db),
        isRetry: !replace && stored.attempts > 1)
      let decision = try alerts(context)
      try self.write(
        decision, monitorID: monitorID, windowStart: window.window.start, now: now, in: db)
    }
  }

  /// The stored alert states of `monitor`, by rule and feature.
  public func alertStates(monitor: String) throws(StoreError) -> [AlertStateRow] {
    try perform("reading alert states of monitor '\(monitor)'") {
      try database.read { db in
        guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else {
          return []
        }
        return try Self.alertStates(monitorID: monitorID, in: db)
      }
    }
  }

  static func alertStates(monitorID: Int64, in db: Database) throws -> [AlertStateRow] {
    let rows = try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT rule, feature, state, consecutive, since, last_window_start, last_notified_at
          FROM alert_state WHERE monitor_id = ? ORDER BY rule, feature
          """), arguments: [monitorID])
    return try rows.map { row in
      AlertStateRow(
        rule: row[0], feature: row[1], state: try alertState(row[2]), consecutive: row[3],
        since: row[4], lastWindowStart: row[5], lastNotifiedAt: row[6])
    }
  }

  static func alertState(_ text: String) throws -> AlertState {
    guard let state = AlertState(rawValue: text) else {
      throw DatabaseError(
        resultCode: .SQLITE_CORRUPT, message: "unknown alert state '\(text)' in the history")
    }
    return state
  }

  private func write(
    _ decision: AlertDecision, monitorID: Int64, windowStart: Int64, now: Int64, in db: Database
  ) throws {
    let upsert = try db.cachedStatement(
      sql: """
        INSERT INTO alert_state (monitor_id, rule, feature, state, consecutive, since,
          last_window_start, last_notified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (monitor_id, rule, feature) DO UPDATE SET state = excluded.state,
          consecutive = excluded.consecutive, since = excluded.since,
          last_window_start = excluded.last_window_start,
          last_notified_at = excluded.last_notified_at
        """)
    for state in decision.states {
      try upsert.execute(arguments: [
        monitorID, state.rule, state.feature, state.state.rawValue, state.consecutive,
        state.since, state.lastWindowStart, state.lastNotifiedAt,
      ])
    }
    let event = try db.cachedStatement(
      sql: """
        INSERT INTO alert_events (monitor_id, rule, feature, window_start, from_state, to_state,
          severity, notification_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for transition in decision.events {
      try event.execute(arguments: [
        monitorID, transition.rule, transition.feature, windowStart, transition.from.rawValue,
        transition.to.rawValue, transition.severity, transition.notificationID, now,
      ])
    }
    let outbox = try db.cachedStatement(
      sql: """
        INSERT INTO outbox (notification_id, notifier, monitor_id, window_start, payload,
          created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    for notification in decision.notifications {
      for notifier in notification.notifiers {
        do {
          try outbox.execute(arguments: [
            notification.id, notifier, monitorID, windowStart, Data(notification.payload), now,
            now,
          ])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
          throw StoreError(
            .invalidRecord, path: path,
            message:
              "notification \(notification.id) is already queued for notifier '\(notifier)'; "
              + "nothing was written (a decided notification is never queued twice)",
            sqliteCode: error.extendedResultCode.rawValue)
        }
      }
    }
  }
}
