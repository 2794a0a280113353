import DriftAlerts
import DriftConfig
import DriftData
import DriftStats
import DriftStore
import Foundation
import Logging

/// What one pass over a monitor did.
public struct MonitorPass: Sendable, Equatable {
  /// The monitor's name.
  public var monitor: String
  /// Windows evaluated, by the status they were stored with.
  public var stored: [RunStatus: Int] = [:]
  /// Windows recorded as skipped (beyond the catch-up limit).
  public var skipped = 0
  /// Problems that stopped part of the pass (the store, the baseline), for the log.
  public var errors: [String] = []
  /// When this monitor next has a window due (or a retry), seconds since the epoch.
  public var nextDueAt: Int64?

  /// Windows stored with any status.
  public var evaluated: Int { stored.values.reduce(0, +) }
}
