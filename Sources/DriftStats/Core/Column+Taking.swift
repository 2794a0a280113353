/// Moving a column's values out of it, and gathering some of its rows: what lets a numeric
/// column be sorted in its own array once the rows needed in file order are taken.
extension Column {
  /// The column's numeric values, moved out (the column is left with none); `nil`, and the
  /// column unchanged, when it is categorical. The caller holds the only reference to the
  /// values when the column did.
  mutating func takeNumericValues() -> [Double]? {
    guard case .numeric(var numeric) = values else { return nil }
    // The column's own reference goes first, then the payload's: `taken` is left the only one.
    values = .numeric(NumericColumn(values: []))
    var taken = [Double]()
    swap(&taken, &numeric.values)
    return taken
  }

  /// The rows at `indices`, in that order, as a column of their own (a categorical column keeps
  /// its dictionary, so codes and labels mean what they meant).
  func rows(at indices: [Int]) -> Column {
    var picked = self
    switch values {
    case .numeric(let numeric):
      let values = numeric.values
      picked.values = .numeric(NumericColumn(values: indices.map { values[$0] }))
    case .categorical(let categorical):
      let codes = categorical.codes
      picked.values = .categorical(
        CategoricalColumn(codes: indices.map { codes[$0] }, categories: categorical.categories))
    }
    return picked
  }
}
