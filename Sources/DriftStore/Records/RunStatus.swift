/// The outcome of one monitor window, as stored in `runs.status`.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
  /// Evaluated; results stored.
  case ok
  /// Evaluated, but the window held too few rows to test; no drift verdict.
  case insufficientData = "insufficient_data"
  /// The evaluation failed (unreadable source, ...); the scheduler retries it later.
  case failed
  /// Not evaluated because it lay beyond the catch-up limit; stored so it stays visible.
  case skipped

  /// Whether a row with this status is final: recording the window again needs `replace`.
  public var isFinal: Bool { self == .ok || self == .insufficientData }
}
