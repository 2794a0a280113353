/// Row selection and concatenation, for cutting windows out of files.
extension Table {
  /// The rows whose `keep` flag is set, in order; categories keep their dictionaries.
  public func filtered(keep: [Bool]) -> Table {
    precondition(keep.count == rowCount, "one flag per row")
    let kept = keep.reduce(0) { $0 + ($1 ? 1 : 0) }
    if kept == rowCount { return self }
    let columns = columns.map { column -> Column in
      var column = column
      switch column.values {
      case .numeric(let values):
        var out = [Double]()
        out.reserveCapacity(kept)
        for (value, flag) in zip(values.values, keep) where flag { out.append(value) }
        column.values = .numeric(NumericColumn(values: out))
      case .categorical(let values):
        var out = [Int32]()
        out.reserveCapacity(kept)
        for (code, flag) in zip(values.codes, keep) where flag { out.append(code) }
        column.values = .categorical(CategoricalColumn(codes: out, categories: values.categories))
      }
      return column
    }
    return Table(columns: columns, rowCount: kept, rejectedRows: rejectedRows)
  }

  /// Appends the rows of tables with the same column names and kinds, merging category
  /// dictionaries by label.
  ///
  /// - Throws: ``StatsError`` naming the column when the tables do not have the same columns.
  public static func concatenating(_ tables: [Table]) throws(StatsError) -> Table {
    guard let first = tables.first else { return Table(columns: [], rowCount: 0) }
    if tables.count == 1 { return first }
    let rows = tables.reduce(0) { $0 + $1.rowCount }
    var columns = [Column]()
    for (index, template) in first.columns.enumerated() {
      var parts = [Column]()
      for table in tables {
        guard index < table.columns.count, table.columns[index].name == template.name,
          table.columns[index].kind == template.kind
        else {
          throw StatsError(
            "cannot combine files: column '\(template.name)' (\(template.kind.rawValue)) is not in "
              + "the same place with the same type in every file")
        }
        parts.append(table.columns[index])
      }
      columns.append(
        Column(name: template.name, kind: template.kind, values: merge(parts, rows: rows)))
    }
    guard tables.allSatisfy({ $0.columns.count == first.columns.count }) else {
      throw StatsError("cannot combine files with different numbers of columns")
    }
    return Table(
      columns: columns, rowCount: rows, rejectedRows: tables.reduce(0) { $0 + $1.rejectedRows })
  }

  private static func merge(_ parts: [Column], rows: Int) -> ColumnValues {
    if case .numeric = parts[0].values {
      var values = [Double]()
      values.reserveCapacity(rows)
      for part in parts {
        if case .numeric(let column) = part.values { values.append(contentsOf: column.values) }
      }
      return .numeric(NumericColumn(values: values))
    }
    var categories = [String]()
    var index = [String: Int32]()
    var codes = [Int32]()
    codes.reserveCapacity(rows)
    for part in parts {
      guard case .categorical(let column) = part.values else { continue }
      let remap = column.categories.map { label -> Int32 in
        if let code = index[label] { return code }
        let code = Int32(categories.count)
        index[label] = code
        categories.append(label)
        return code
      }
      for code in column.codes { codes.append(code < 0 ? code : remap[Int(code)]) }
    }
    return .categorical(CategoricalColumn(codes: codes, categories: categories))
  }
}
