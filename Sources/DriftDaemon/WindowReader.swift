import DriftConfig
import DriftData
import DriftPostgres
import DriftStats
import DriftStore
import Foundation

/// Reads windows of an opened source.
protocol WindowReader: Sendable {
  /// The window's rows, with the given features read with the baseline's kinds.
  func read(window: Window, kinds: [String: ColumnKind], features: [String]) throws(SourceError)
    -> (table: Table, rejectedRows: Int)
}
