/// The columns the domain classifier sees, and which features each column stands for.
///
/// A linear model on the encoded columns only sees shifts of means. To also see changes of
/// spread and of correlation between features (second moments), it gets, after the encoded
/// columns:
/// - per leading kept principal component c (at most ``squaredComponents`` of them), the squared
///   score divided by the component's baseline variance, `s_c^2 / lambda_c` (about 1 on average
///   on the baseline); the other kept components together as one column, the sum of their
///   `s_c^2 / lambda_c` (Hotelling's T^2 in their subspace), so the width stays bounded;
/// - the squared reconstruction error divided by its baseline mean (the energy outside the kept
///   components).
///
/// A correlation that flips sign moves variance from the leading components to the residual, so
/// both kinds of column change. Attribution, for contributions: an encoded column belongs to its
/// feature; component c is shared among the encoded columns by its squared loadings `v_jc^2`
/// (they sum to 1), the T^2 column by the sum of its components' squared loadings; the residual
/// column by the diagonal of the residual projector, `1 - sum_c v_jc^2` (the share of each
/// encoded column in the space the components leave out; normalised to sum to 1).
struct ClassifierDesign {
  /// One side's rows: encoded, their scores and reconstruction errors.
  struct Side {
    var encoded: DesignMatrix
    var scores: [Double]
    var errors: [Double]
  }

  /// Leading components that get a squared-score column of their own.
  static let squaredComponents = 8

  let encodedColumns: Int
  let kept: Int
  /// Components with their own column (the rest share the T^2 column).
  let single: Int
  /// Whether there is a T^2 column.
  let hasRest: Bool
  let variances: [Double]
  let errorScale: Double
  /// Per design column: (feature index, share) pairs summing to 1 (or empty).
  let attribution: [[(Int, Double)]]
  let featureCount: Int

  var columnCount: Int { encodedColumns + single + (hasRest ? 1 : 0) + 1 }

  init(profile: MultivariateProfile) {
    let pca = profile.components
    let d = profile.sample.columns
    encodedColumns = d
    kept = pca.kept
    single = min(pca.kept, Self.squaredComponents)
    hasRest = pca.kept > single
    variances = pca.variances.map { $0 > 0 ? $0 : 1 }
    let meanSquare =
      profile.sampleErrors.reduce(0) { $0 + $1 * $1 } / Double(max(profile.sampleErrors.count, 1))
    errorScale = meanSquare > 0 && meanSquare.isFinite ? meanSquare : 1
    let ranges = profile.encoding.columnRanges
    featureCount = ranges.count
    var owner = [Int](repeating: 0, count: d)
    for (feature, range) in ranges.enumerated() {
      for column in range { owner[column] = feature }
    }
    func spread(_ weightOf: (Int) -> Double) -> [(Int, Double)] {
      var perFeature = [Double](repeating: 0, count: ranges.count)
      for column in 0..<d { perFeature[owner[column]] += weightOf(column) }
      let total = perFeature.reduce(0, +)
      guard total > 0 else { return [] }
      return perFeature.enumerated().filter { $0.element > 0 }.map {
        ($0.offset, $0.element / total)
      }
    }
    var attribution = (0..<d).map { [(owner[$0], 1.0)] }
    func loadings(_ components: Range<Int>) -> [(Int, Double)] {
      spread { column in
        components.reduce(0) { sum, component in
          let loading = pca.components[column * pca.kept + component]
          return sum + loading * loading
        }
      }
    }
    for component in 0..<single { attribution.append(loadings(component..<(component + 1))) }
    if hasRest { attribution.append(loadings(single..<kept)) }
    attribution.append(
      spread { column in
        var captured = 0.0
        for component in 0..<pca.kept {
          let loading = pca.components[column * pca.kept + component]
          captured += loading * loading
        }
        return max(0, 1 - captured)
      })
    self.attribution = attribution
  }

  /// Design rows `rows` of the baseline side, then the same rows of the target side.
  ///
  /// Written in row chunks on `threads` workers (``ChunkedWork/fill(rows:width:threads:_:)``):
  /// every value is a copy or a function of its own row only, so the matrix is the same
  /// whatever the threads, and the fresh pages it takes are faulted in on every core.
  func stacked(_ baseline: Side, _ target: Side, rows: Range<Int>, threads: Int? = nil)
    -> DesignMatrix
  {
    let width = columnCount
    let half = rows.count
    check(baseline, rows: rows)
    check(target, rows: rows)
    let values = ChunkedWork.fill(rows: 2 * half, width: width, threads: threads) {
      chunk, out in
      // Output rows `chunk` (baseline rows first), each `width` slots from `out`.
      var slot = 0
      for side in 0..<2 {
        let part = side == 0 ? baseline : target
        let lower = max(chunk.lowerBound, side * half) - side * half
        let upper = min(chunk.upperBound, (side + 1) * half) - side * half
        guard lower < upper else { continue }
        part.encoded.values.withUnsafeBufferPointer { encoded in
          for row in (rows.lowerBound + lower)..<(rows.lowerBound + upper) {
            // `check` put every row read inside the side's matrix.
            writeRow(
              out + slot, encoded: encoded.baseAddress.unsafelyUnwrapped + row * encodedColumns,
              row: row, of: part)
            slot += width
          }
        }
      }
    }
    return DesignMatrix(rows: 2 * half, columns: width, values: values)
  }

  /// Design rows `0..<rows` of the baseline side, then of the target side: the matrix
  /// ``stacked(_:_:rows:threads:)`` gives for `0..<rows`, written over the target's encoded
  /// rows (taken from `targetEncoded`, which is left empty) instead of into fresh memory.
  ///
  /// The target's rows go first: row r moves from `r * d` to `(rows + r) * width`. Their
  /// sources fill `0..<rows * d` and their new places start at `rows * width`, past every
  /// source (`width > d`), so no source is overwritten. Then, every target row read, the
  /// baseline's rows fill the first `rows * width` slots, from the profile's sample. Every value
  /// is the one ``stacked(_:_:rows:threads:)`` writes, so the same bits. The array grows only
  /// when its capacity is short of `2 * rows * width` (``MultivariateEvaluation`` reserves it
  /// when it encodes the target); were it shared, it would be copied first, as any array is.
  func stackedTraining(
    _ baseline: Side, target targetEncoded: inout DesignMatrix, scores: [Double],
    errors: [Double], rows: Int
  ) -> DesignMatrix {
    let width = columnCount
    let d = encodedColumns
    check(baseline, rows: 0..<rows)
    check(Side(encoded: targetEncoded, scores: scores, errors: errors), rows: 0..<rows)
    precondition(width > d, "the design's own columns after the encoded ones")
    var values: [Double] = []
    swap(&values, &targetEncoded.values)
    let target = Side(
      encoded: DesignMatrix(rows: 0, columns: d, values: []), scores: scores, errors: errors)
    let count = 2 * rows * width
    if values.count < count {
      values.reserveCapacity(count)
      values.append(contentsOf: repeatElement(0, count: count - values.count))
    }
    values.withUnsafeMutableBufferPointer { buffer in
      guard let out = buffer.baseAddress else { return }
      for row in 0..<rows {
        writeRow(out + (rows + row) * width, encoded: out + row * d, row: row, of: target)
      }
      baseline.encoded.values.withUnsafeBufferPointer { encoded in
        for row in 0..<rows {
          writeRow(
            out + row * width, encoded: encoded.baseAddress.unsafelyUnwrapped + row * d,
            row: row, of: baseline)
        }
      }
    }
    values.removeLast(values.count - count)
    targetEncoded = DesignMatrix(rows: 0, columns: d, values: [])
    return DesignMatrix(rows: 2 * rows, columns: width, values: values)
  }

  /// Checks that `rows` are inside the side's matrix, with their scores and errors.
  private func check(_ side: Side, rows: Range<Int>) {
    precondition(side.encoded.columns == encodedColumns, "a side's encoding matches the design")
    precondition(
      rows.lowerBound >= 0 && rows.upperBound <= side.encoded.rows
        && side.scores.count >= side.encoded.rows * kept
        && side.errors.count >= side.encoded.rows,
      "rows inside each side, with their scores")
  }

  /// Writes design row `row` of `side` to the `columnCount` slots at `out`: its `d` encoded
  /// values (from `encoded`; they may not overlap `out`'s slots), the squared scores of the
  /// single components, the rest's sum, then the squared error. The values and their order are
  /// those of the appends this replaced, so the same bits.
  @inline(__always)
  private func writeRow(
    _ out: UnsafeMutablePointer<Double>, encoded: UnsafePointer<Double>, row: Int, of side: Side
  ) {
    out.update(from: encoded, count: encodedColumns)
    var slot = encodedColumns
    side.scores.withUnsafeBufferPointer { scores in
      variances.withUnsafeBufferPointer { variances in
        var rest = 0.0
        for component in 0..<kept {
          let score = scores[row * kept + component]
          let squared = score * score / variances[component]
          if component < single {
            out[slot] = squared
            slot += 1
          } else {
            rest += squared
          }
        }
        if hasRest {
          out[slot] = rest
          slot += 1
        }
      }
    }
    let error = side.errors[row]
    out[slot] = error * error / errorScale
  }
}
