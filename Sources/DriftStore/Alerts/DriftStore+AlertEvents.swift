import GRDB

extension DriftStore {
  /// Stored alert transitions, oldest window first, each with the delivery state of its
  /// notification per notifier (from the outbox).
  ///
  /// - Parameters:
  ///   - monitor: Only this monitor; nil for every monitor.
  ///   - since: Only windows starting at or after this time (seconds since the epoch).
  /// - Returns: The events; an unknown monitor has none.
  public func alertEvents(monitor: String?, since: Int64? = nil) throws(StoreError)
    -> [AlertEventRow]
  {
    try perform("reading alert events") {
      try database.read { db in
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let monitor {
          guard let monitorID = try InternedNames.existingMonitor(monitor, in: db) else {
            return []
          }
          conditions.append("e.monitor_id = ?")
          arguments.append(monitorID)
        }
        if let since {
          conditions.append("e.window_start >= ?")
          arguments.append(since)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT m.name, e.rule, e.feature, e.window_start, e.from_state, e.to_state,
              e.severity, e.notification_id, e.created_at
            FROM alert_events e JOIN monitors m ON m.id = e.monitor_id
            \(filter) ORDER BY e.window_start, e.id
            """, arguments: StatementArguments(arguments))
        var deliveries: [String: [NotifierDelivery]] = [:]
        for id in Set(rows.compactMap { $0[7] as String? }) {
          deliveries[id] = try Self.deliveries(of: id, in: db)
        }
        return try rows.map { row in
          let id: String? = row[7]
          return AlertEventRow(
            monitor: row[0], rule: row[1], feature: row[2], windowStart: row[3],
            from: try Self.alertState(row[4]), to: try Self.alertState(row[5]), severity: row[6],
            notificationID: id, createdAt: row[8], deliveries: id.flatMap { deliveries[$0] } ?? [])
        }
      }
    }
  }

  /// The outbox rows of one notification: a seek on the outbox primary key.
  private static func deliveries(of id: String, in db: Database) throws -> [NotifierDelivery] {
    try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT notifier, attempts, last_error, delivered_at, dead_at, dead_reason
          FROM outbox WHERE notification_id = ? ORDER BY notifier
          """), arguments: [id]
    ).map { row in
      let deliveredAt: Int64? = row[3]
      let deadAt: Int64? = row[4]
      let status: NotifierDelivery.Status =
        deliveredAt != nil ? .delivered : deadAt != nil ? .dead : .pending
      return NotifierDelivery(
        notifier: row[0], status: status, attempts: row[1], lastError: row[2],
        deadReason: row[5], finishedAt: deliveredAt ?? deadAt)
    }
  }
}
