/// The kind of values a column holds, as inferred by a reader or set by the user.
public enum ColumnKind: String, Sendable, Codable, CaseIterable {
  /// Real numbers; tests on distributions of values.
  case numeric
  /// Labels from a finite set; tests on category frequencies.
  case categorical
  /// `true` / `false`; tested like a categorical column with two categories.
  case boolean
  /// Points in time; used to cut windows, not tested as a feature.
  case timestamp

  /// Whether drift tests compare this kind as category frequencies.
  public var isCategoryLike: Bool { self == .categorical || self == .boolean }
}

/// Values of a numeric or timestamp column, stored contiguously.
///
/// NaN marks a missing value. Timestamps are seconds since 1970-01-01T00:00:00Z.
public struct NumericColumn: Sendable, Equatable {
  /// One value per row; NaN where the value was missing.
  public var values: [Double]

  /// Creates a column from its values.
  public init(values: [Double]) {
    self.values = values
  }
}

/// Values of a categorical or boolean column, dictionary-encoded.
public struct CategoricalColumn: Sendable, Equatable {
  /// Code used in ``codes`` for a missing value.
  public static let missingCode: Int32 = -1

  /// One code per row: an index into ``categories``, or ``missingCode``.
  public var codes: [Int32]
  /// The distinct category labels, in order of first appearance.
  public var categories: [String]

  /// Creates a column from codes and the categories they index.
  public init(codes: [Int32], categories: [String]) {
    self.codes = codes
    self.categories = categories
  }

  /// Number of rows holding each category (indexed like ``categories``) and missing rows.
  public func counts() -> (perCategory: [Int], missing: Int) {
    var perCategory = [Int](repeating: 0, count: categories.count)
    var missing = 0
    perCategory.withUnsafeMutableBufferPointer { out in
      for code in codes {
        if code < 0 { missing += 1 } else { out[Int(code)] += 1 }
      }
    }
    return (perCategory, missing)
  }
}

/// The values of one column, in the storage its kind uses.
public enum ColumnValues: Sendable, Equatable {
  /// Numeric and timestamp columns.
  case numeric(NumericColumn)
  /// Categorical and boolean columns.
  case categorical(CategoricalColumn)

  /// Number of rows.
  public var count: Int {
    switch self {
    case .numeric(let column): column.values.count
    case .categorical(let column): column.codes.count
    }
  }
}

/// One named, typed column of a table.
public struct Column: Sendable, Equatable {
  /// The column's name, from the header or JSON key.
  public var name: String
  /// What kind of values it holds.
  public var kind: ColumnKind
  /// The values.
  public var values: ColumnValues

  /// Creates a column.
  public init(name: String, kind: ColumnKind, values: ColumnValues) {
    self.name = name
    self.kind = kind
    self.values = values
  }
}

/// A table of typed columns read from one data set (a baseline file or a target window).
public struct Table: Sendable, Equatable {
  /// The columns, in file order.
  public var columns: [Column]
  /// Rows kept.
  public var rowCount: Int
  /// Rows skipped as malformed (only with a skip policy; otherwise reading fails).
  public var rejectedRows: Int

  /// Creates a table; every column must have `rowCount` values.
  public init(columns: [Column], rowCount: Int, rejectedRows: Int = 0) {
    precondition(columns.allSatisfy { $0.values.count == rowCount }, "ragged table")
    self.columns = columns
    self.rowCount = rowCount
    self.rejectedRows = rejectedRows
  }

  /// The column with the given name, if any.
  public func column(named name: String) -> Column? {
    columns.first { $0.name == name }
  }
}
