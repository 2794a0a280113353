import DriftData
import DriftStats

/// Everything stored about one evaluated (or failed, or skipped) window of a monitor.
public struct WindowRecord: Sendable, Equatable {
  /// Monitor name.
  public var monitor: String
  /// The window `[start, end)`.
  public var window: Window
  /// The outcome.
  public var status: RunStatus
  /// Target rows in the window.
  public var rows: Int
  /// Rows rejected by the reader (bad values under a skip policy).
  public var rejectedRows: Int
  /// Why the window failed or lacked data, if it did.
  public var error: String?
  /// Content hash of the baseline compared against, if it was known.
  public var baselineHash: String?
  /// Hash of the monitor configuration in effect.
  public var configHash: String?
  /// When the evaluation started, seconds since the epoch.
  public var startedAt: Double
  /// When the evaluation finished, seconds since the epoch.
  public var finishedAt: Double
  /// For `failed` records: when the scheduler should try again (seconds since the epoch).
  /// Ignored for every other status.
  public var nextAttemptAt: Int64?
  /// One record per feature and test.
  public var features: [FeatureRecord]
  /// The verdict over all features; `nil` when nothing was evaluated.
  public var dataset: DatasetResult?
  /// Each feature's share of the drift magnitude, for the features that have one (none when
  /// no magnitude was computed); at most one per feature.
  public var contributions: [FeatureContribution]
  /// Per feature, the target summary and both sides' bin counts (for pictures); stored in the
  /// same transaction.
  public var pictures: [FeaturePictureRecord] = []

  /// Creates a record.
  public init(
    monitor: String, window: Window, status: RunStatus, rows: Int = 0, rejectedRows: Int = 0,
    error: String? = nil, baselineHash: String? = nil, configHash: String? = nil,
    startedAt: Double, finishedAt: Double, nextAttemptAt: Int64? = nil,
    features: [FeatureRecord] = [], dataset: DatasetResult? = nil,
    contributions: [FeatureContribution] = []
  ) {
    self.monitor = monitor
    self.window = window
    self.status = status
    self.rows = rows
    self.rejectedRows = rejectedRows
    self.error = error
    self.baselineHash = baselineHash
    self.configHash = configHash
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.nextAttemptAt = nextAttemptAt
    self.features = features
    self.dataset = dataset
    self.contributions = contributions
  }

  /// The record of a successful evaluation: every test of every feature of `report`, the
  /// data-set verdict with its magnitude and reconstruction drift, and the contributions.
  public init(
    monitor: String, window: Window, report: DriftReport, rejectedRows: Int = 0,
    baselineHash: String?, configHash: String?, startedAt: Double, finishedAt: Double
  ) {
    self.init(
      monitor: monitor, window: window, status: .ok, rows: report.targetRows,
      rejectedRows: rejectedRows, baselineHash: baselineHash, configHash: configHash,
      startedAt: startedAt, finishedAt: finishedAt,
      features: report.features.flatMap { feature in
        feature.tests.map { FeatureRecord(feature: feature, result: $0) }
      },
      dataset: report.dataset.stored,
      contributions: report.features.compactMap { feature in
        feature.contribution.map {
          FeatureContribution(feature: feature.name, kind: feature.kind, contribution: $0)
        }
      })
    self.pictures = report.features.map {
      FeaturePictureRecord(feature: $0.name, kind: $0.kind, picture: FeaturePicture($0))
    }
  }
}
