/// The encoding of every compared feature, in baseline order: how rows become the design matrix
/// that the domain classifier and the principal components work on.
public struct MultivariateEncoding: Sendable, Equatable {
  /// One encoding per feature.
  public var features: [FeatureEncoding]

  /// Creates an encoding from per-feature encodings.
  public init(features: [FeatureEncoding]) {
    self.features = features
  }

  /// Columns of the design matrix.
  public var columnCount: Int { features.reduce(0) { $0 + $1.width } }

  /// The design-matrix columns of each feature, in order.
  public var columnRanges: [Range<Int>] {
    var start = 0
    return features.map { feature in
      defer { start += feature.width }
      return start..<(start + feature.width)
    }
  }

  /// Gathers rows `indices` of `columns` (one per feature) as raw sample columns; `nil`: every
  /// row, in order (numeric values shared, not copied).
  func raw(columns: [Column], indices: [Int]? = nil) -> [RawSampleColumn] {
    zip(columns, features).map { RawSampleColumn(column: $0, indices: indices, encoding: $1) }
  }
}
