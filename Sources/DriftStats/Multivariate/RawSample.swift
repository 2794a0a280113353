/// Sampled rows of the features before encoding: numeric values as read (NaN for missing) and
/// categories as slots of the feature's ``FeatureEncoding`` (kept index, other, or -1: missing).
///
/// This is what a baseline profile stores; the design matrix is derived from it.
public enum RawSampleColumn: Sendable, Equatable {
  /// Numeric values.
  case numeric([Double])
  /// Category slots.
  case categorical([Int32])

  /// Rows held.
  public var count: Int {
    switch self {
    case .numeric(let values): values.count
    case .categorical(let slots): slots.count
    }
  }

  /// Gathers the rows at `indices` of a table column (`nil`: every row, in order; numeric values
  /// are then shared, not copied), mapping categories to `encoding`'s slots.
  init(column: Column, indices: [Int]?, encoding: FeatureEncoding) {
    switch column.values {
    case .numeric(let numeric):
      let values = numeric.values
      self = .numeric(indices.map { $0.map { values[$0] } } ?? values)
    case .categorical(let categorical):
      let slotOfCode = encoding.slots(of: categorical.categories)
      let codes = categorical.codes
      let slot = { (code: Int32) in code < 0 ? CategoricalColumn.missingCode : slotOfCode[Int(code)]
      }
      self = .categorical(indices.map { $0.map { slot(codes[$0]) } } ?? codes.map(slot))
    }
  }
}

extension MultivariateEncoding {
  /// Encodes sampled rows into the design matrix (rows in sample order), in parallel chunks
  /// written in place.
  ///
  /// `capacity`: values the matrix's array should have room for (a design written over it).
  func encode(_ sample: [RawSampleColumn], threads: Int?, capacity: Int = 0) -> DesignMatrix {
    let rows = sample.first?.count ?? 0
    let width = columnCount
    let features = features
    // Each chunk writes its rows straight into the matrix. With a sample column per feature
    // every slot of a row is written (a numeric feature's two, a categorical feature's every
    // indicator); only with fewer columns than features (the zip below stops early) would
    // some stay unwritten, so only then are the rows zeroed first, as the zeroed blocks were.
    let complete = sample.count >= features.count
    // The chunks write through raw pointers: every row's slots must be exactly the features'
    // widths, whoever built the encoding (the public initialisers accept any shares). Checked
    // once per feature here (a slot outside the shares traps on `on[column]` below), so a
    // mismatched encoding traps instead of writing past its row.
    precondition(
      features.reduce(0) { $0 + $1.width } == width
        && zip(features, sample).allSatisfy { feature, column in
          guard column.count == rows else { return false }
          guard case .categorical(_, let shares) = feature.rule else { return true }
          return shares.count == feature.width
        },
      "each sample column has the sample's rows and each encoding its width's shares")
    let values = ChunkedWork.fill(
      rows: rows, width: width, capacity: capacity, threads: threads
    ) { range, block in
      if !complete { block.initialize(repeating: 0, count: range.count * width) }
      var offset = 0
      for (feature, column) in zip(features, sample) {
        switch (feature.rule, column) {
        case (.numeric(let mean, let scale, let missingShare), .numeric(let values)):
          let present = FeatureEncoding.indicator(false, share: missingShare)
          let absent = FeatureEncoding.indicator(true, share: missingShare)
          for (row, index) in range.enumerated() {
            let value = values[index]
            let base = row * width + offset
            if value.isFinite {
              let z = (value - mean) / scale
              block[base] = min(max(z, -FeatureEncoding.clip), FeatureEncoding.clip)
              block[base + 1] = present
            } else {
              block[base] = 0
              block[base + 1] = absent
            }
          }
        case (.categorical(_, let shares), .categorical(let slots)):
          let off = shares.map { FeatureEncoding.indicator(false, share: $0) }
          let on = shares.map { FeatureEncoding.indicator(true, share: $0) }
          let missingColumn = shares.count - 1
          for (row, index) in range.enumerated() {
            let base = row * width + offset
            for column in 0..<shares.count { block[base + column] = off[column] }
            let slot = slots[index]
            let column = slot < 0 ? missingColumn : Int(slot)
            block[base + column] = on[column]
          }
        default:
          // The sample was gathered with these encodings; kinds always match.
          preconditionFailure("sample column does not match the encoding of '\(feature.name)'")
        }
        offset += feature.width
      }
    }
    return DesignMatrix(rows: rows, columns: width, values: values)
  }
}
