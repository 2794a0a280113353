/// A dense matrix of doubles stored row by row: encoded rows, one column per encoded feature part.
public struct DesignMatrix: Sendable, Equatable {
  /// Number of rows.
  public var rows: Int
  /// Number of columns.
  public var columns: Int
  /// `rows * columns` values; row `i` is `values[i * columns ..< (i + 1) * columns]`.
  public var values: [Double]

  /// Creates a matrix from row-major values.
  public init(rows: Int, columns: Int, values: [Double]) {
    precondition(values.count == rows * columns, "values must hold rows * columns numbers")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Creates a matrix from an array of rows of equal length.
  public init(rowArrays: [[Double]]) {
    let columns = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == columns }, "rows must have equal length")
    self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
  }

  /// The value at `row`, `column`.
  public subscript(row: Int, column: Int) -> Double {
    values[row * columns + column]
  }
}
