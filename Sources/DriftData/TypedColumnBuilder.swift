import DriftStats

/// One feature's column built value by value from rows a database returns (the SQLite and
/// PostgreSQL sources), with the same categories and codes as the file readers give.
public struct TypedColumnBuilder: Sendable {
  /// One value, already converted to the column's kind.
  public enum Value: Sendable {
    /// A numeric or timestamp value (NaN for missing).
    case number(Double)
    /// A categorical or boolean label (nil for missing).
    case label(String?)
  }

  /// The kind of column being built.
  public let kind: ColumnKind
  private var numbers = [Double]()
  private var codes = [Int32]()
  private var categories = [String]()
  private var index = [String: Int32]()

  /// An empty column of `kind`.
  public init(kind: ColumnKind) {
    self.kind = kind
  }

  /// Appends one value; labels are coded in order of first appearance.
  public mutating func append(_ value: Value) {
    switch value {
    case .number(let number): numbers.append(number)
    case .label(nil): codes.append(CategoricalColumn.missingCode)
    case .label(let text?):
      if let code = index[text] {
        codes.append(code)
      } else {
        let code = Int32(categories.count)
        index[text] = code
        categories.append(text)
        codes.append(code)
      }
    }
  }

  /// The column. Booleans always list false, then true, whatever order they arrived in.
  public func values() -> ColumnValues {
    guard kind.isCategoryLike else { return .numeric(NumericColumn(values: numbers)) }
    guard kind == .boolean else {
      return .categorical(CategoricalColumn(codes: codes, categories: categories))
    }
    let labels = ["false", "true"]
    let remapped = codes.map {
      $0 < 0 ? $0 : Int32(labels.firstIndex(of: categories[Int($0)]) ?? 0)
    }
    return .categorical(CategoricalColumn(codes: remapped, categories: labels))
  }
}
