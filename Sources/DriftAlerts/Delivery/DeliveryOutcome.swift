/// What one delivery attempt produced.
public enum DeliveryOutcome: Sendable, Equatable {
  /// The receiver accepted the notification; the detail is its answer (e.g. `HTTP 200`).
  case delivered(String)
  /// A transient failure: try again, after `after` seconds when the receiver asked for a delay.
  case retry(after: Int64?, reason: String)
  /// A permanent failure: retrying would not help, the row becomes a dead letter.
  case dead(String)

  /// The detail or the reason, for logs and the CLI.
  public var summary: String {
    switch self {
    case .delivered(let detail): "delivered: \(detail)"
    case .retry(let after, let reason):
      "will retry\(after.map { " (receiver asked to wait \($0)s)" } ?? ""): \(reason)"
    case .dead(let reason): "failed permanently: \(reason)"
    }
  }
}
