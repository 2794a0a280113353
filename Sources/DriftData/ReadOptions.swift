import DriftStats
import Foundation

/// How to read a data file.
public struct ReadOptions: Sendable {
  /// The file's layout; nil means decide from the file extension (see ``DataFormat``).
  public var format: DataFormat?
  /// CSV field separator. A `.tsv` file uses a tab unless this is set to something other
  /// than a comma.
  public var delimiter: UInt8 = UInt8(ascii: ",")
  /// Per-column kinds that replace inference, e.g. the baseline's schema when reading a target.
  /// A value that does not fit its declared kind makes the row bad (see ``onBadRow``).
  public var kinds: [String: ColumnKind] = [:]
  /// Read only these columns (others are skipped without parsing); nil reads all.
  public var columns: Set<String>? = nil
  /// What to do with a row that cannot be used.
  public var onBadRow: BadRowPolicy = .fail
  /// Number of chunks parsed in parallel; defaults to the active processor count.
  public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
  /// Called from worker threads as bytes are parsed: `(bytesDone, totalBytes)`.
  public var progress: (@Sendable (_ bytesDone: Int64, _ totalBytes: Int64) -> Void)? = nil
  /// Smallest chunk worth a thread of its own; tests lower it to exercise chunk boundaries.
  var minimumChunkBytes: Int = 1 << 20

  /// Creates options; every property has a default.
  public init(
    format: DataFormat? = nil,
    kinds: [String: ColumnKind] = [:],
    columns: Set<String>? = nil,
    onBadRow: BadRowPolicy = .fail
  ) {
    self.format = format
    self.kinds = kinds
    self.columns = columns
    self.onBadRow = onBadRow
  }
}
