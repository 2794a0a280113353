import DriftData
import DriftStore

/// An alert transition with its delivery per notifier, as `driftwatch alerts --format json`
/// prints it and `GET /api/v1/alerts` answers it. Delivery errors are the store's redacted text.
public enum AlertEventView {
  /// One transition or re-notification.
  public static func json(_ row: AlertEventRow) -> JSONValue {
    .object([
      ("monitor", .string(row.monitor)),
      ("rule", .string(row.rule)),
      ("feature", row.feature.isEmpty ? .null : .string(row.feature)),
      ("window_start", .string(Timestamp.format(row.windowStart))),
      ("from", .string(row.from.rawValue)),
      ("to", .string(row.to.rawValue)),
      ("severity", .string(row.severity)),
      ("notification_id", .string(row.notificationID)),
      ("created_at", .string(Timestamp.format(row.createdAt))),
      (
        "deliveries",
        .array(
          row.deliveries.map { delivery in
            .object([
              ("notifier", .string(delivery.notifier)),
              ("status", .string(delivery.status.rawValue)),
              ("attempts", .int(delivery.attempts)),
              ("last_error", .string(delivery.lastError)),
              ("dead_reason", .string(delivery.deadReason)),
              ("finished_at", .string(delivery.finishedAt.map { Timestamp.format($0) })),
            ])
          })
      ),
    ])
  }
}
