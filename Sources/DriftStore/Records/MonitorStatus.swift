import DriftData

/// A monitor's health as the store sees it: its latest window and its counts by outcome.
public struct MonitorStatus: Sendable, Equatable {
  /// The most recent window (by start) with its outcome.
  public struct LastWindow: Sendable, Equatable {
    /// The window.
    public var window: Window
    /// Its outcome.
    public var status: RunStatus
    /// Target rows.
    public var rows: Int
    /// Names of the features with a drifted test, sorted.
    public var driftedFeatures: [String]
    /// The drift magnitude in percent, when one was computed (a NaN reads as `nil`).
    public var magnitude: Double?

    /// Creates a last-window summary.
    public init(
      window: Window, status: RunStatus, rows: Int, driftedFeatures: [String],
      magnitude: Double? = nil
    ) {
      self.window = window
      self.status = status
      self.rows = rows
      self.driftedFeatures = driftedFeatures
      self.magnitude = magnitude
    }
  }

  /// The latest failure message with its window.
  public struct LastError: Sendable, Equatable {
    /// The failed window.
    public var window: Window
    /// What went wrong.
    public var message: String

    /// Creates a last-error summary.
    public init(window: Window, message: String) {
      self.window = window
      self.message = message
    }
  }

  /// Monitor name.
  public var monitor: String
  /// The most recent window, `nil` when none is stored.
  public var lastWindow: LastWindow?
  /// Stored windows by outcome; every status has an entry (0 when absent).
  public var counts: [RunStatus: Int]
  /// The most recent failed window that is still failed, with its message.
  public var lastError: LastError?
  /// Start of the first window of the current run of failures (failed windows after the last
  /// `ok` or `insufficient_data` one); `nil` when the monitor is not failing.
  public var failingSince: Int64?

  /// Creates a status.
  public init(
    monitor: String, lastWindow: LastWindow?, counts: [RunStatus: Int], lastError: LastError?,
    failingSince: Int64?
  ) {
    self.monitor = monitor
    self.lastWindow = lastWindow
    self.counts = counts
    self.lastError = lastError
    self.failingSince = failingSince
  }
}
