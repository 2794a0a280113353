import DriftStats

/// Joins one column's per-chunk builders into a finished column.
enum ColumnAssembler {
  /// The final state of a column whose chunks ended in `states` (absent chunks are `empty`).
  static func finalState(_ states: [ColumnBuilder.State]) -> ColumnBuilder.State {
    states.reduce(.empty) { $0.joined($1) }
  }

  /// Whether a chunk in `state` must be parsed again for a column that ends in `final`.
  static func needsReparse(_ state: ColumnBuilder.State, final: ColumnBuilder.State) -> Bool {
    final.kind == .categorical && state != .empty && state != .categorical
  }

  /// The column built from `parts` (one per chunk, nil where the chunk lacks the column) with
  /// `rows[i]` rows in chunk `i`. Every part is in `final` state or `empty`.
  static func assemble(
    name: String, parts: consuming [ColumnBuilder?], rows: [Int], final: ColumnBuilder.State
  ) -> Column {
    let kind = final.kind
    let total = rows.reduce(0, +)
    switch kind {
    case .numeric, .timestamp:
      var values: [Double] = []
      var next = 0
      if let first = parts[0], first.state == final, final != .empty {
        // Extend the first chunk's buffer in place (it was reserved for the whole file).
        values = first.doubles
        parts[0] = nil
        next = 1
      }
      values.reserveCapacity(total)
      HugePages.adviseCapacity(&values, expected: total)
      for index in next..<parts.count {
        if let part = parts[index], part.state != .empty {
          values.append(contentsOf: part.doubles)
        } else {
          values.append(contentsOf: repeatElement(.nan, count: rows[index]))
        }
      }
      return Column(name: name, kind: kind, values: .numeric(NumericColumn(values: values)))
    case .boolean:
      var codes: [Int32] = []
      codes.reserveCapacity(total)
      HugePages.adviseCapacity(&codes, expected: total)
      for (index, part) in parts.enumerated() {
        if let part, part.state != .empty {
          codes.append(contentsOf: part.codes)
        } else {
          codes.append(contentsOf: repeatElement(CategoricalColumn.missingCode, count: rows[index]))
        }
      }
      let values = CategoricalColumn(codes: codes, categories: ["false", "true"])
      return Column(name: name, kind: .boolean, values: .categorical(values))
    case .categorical:
      var dictionary = CategoryDictionary()
      var codes: [Int32] = []
      codes.reserveCapacity(total)
      HugePages.adviseCapacity(&codes, expected: total)
      for (index, part) in parts.enumerated() {
        guard let part, part.state != .empty else {
          codes.append(contentsOf: repeatElement(CategoricalColumn.missingCode, count: rows[index]))
          continue
        }
        if dictionary.count == 0 {
          // First labels seen: keep this chunk's codes as they are.
          dictionary = part.dictionary
          if codes.isEmpty {
            codes = part.codes
            parts[index] = nil
            codes.reserveCapacity(total)
            HugePages.adviseCapacity(&codes, expected: total)
          } else {
            codes.append(contentsOf: part.codes)
          }
          continue
        }
        let remap = (0..<part.dictionary.count).map { code in
          part.dictionary.withLabel(code) { dictionary.code($0, $1) }
        }
        remap.withUnsafeBufferPointer { table in
          for code in part.codes { codes.append(code < 0 ? code : table[Int(code)]) }
        }
      }
      let values = CategoricalColumn(codes: codes, categories: dictionary.labels())
      return Column(name: name, kind: .categorical, values: .categorical(values))
    }
  }
}
