import DriftStats

/// Which columns of the data a monitor tests (`features:`).
public struct FeatureFilter: Sendable, Equatable {
  /// The features to test, in order; nil tests every column but the timestamp column.
  public var include: [String]?
  /// Columns never tested.
  public var exclude: [String]
  /// Declared kinds that override type inference, by column name.
  public var types: [String: ColumnKind]

  /// Creates a filter; the default tests every column but the timestamp column.
  public init(include: [String]? = nil, exclude: [String] = [], types: [String: ColumnKind] = [:]) {
    self.include = include
    self.exclude = exclude
    self.types = types
  }

  /// The features to test among `columns` (in file order unless `include` sets the order).
  ///
  /// - Parameters:
  ///   - columns: The column names of the data.
  ///   - timestampColumn: The monitor's timestamp column, never a feature.
  public func features(among columns: [String], timestampColumn: String) -> [String] {
    let excluded = Set(exclude + [timestampColumn])
    return (include ?? columns).filter { !excluded.contains($0) }
  }
}
