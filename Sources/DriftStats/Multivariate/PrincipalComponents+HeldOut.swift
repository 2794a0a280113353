import CGSL

extension PrincipalComponents {
  /// Folds of ``heldOut(_:kept:folds:threads:)``.
  public static let heldOutFolds = 10

  /// A sample's held-out reconstruction errors and the components of each fold.
  public struct HeldOut: Sendable {
    /// Every sample row's error from the components of its fold (fitted without the fold).
    public var errors: [Double]
    /// The components fitted without each fold, in fold order, on rows rescaled by `scales`.
    public var folds: [PrincipalComponents]
    /// Per fold, the factor of each column: 1 / the column's standard deviation over the other
    /// folds (1 for a constant column).
    public var scales: [[Double]]

    /// Creates held-out errors and their fits.
    public init(errors: [Double], folds: [PrincipalComponents], scales: [[Double]]) {
      self.errors = errors
      self.folds = folds
      self.scales = scales
    }

    /// Rows `rows` of `x` (in the order given) with each column multiplied by `scale`: one copy,
    /// each value the product `x * scale[column]` a copy then an in-place multiplication gave.
    static func rescaled<Rows: Collection<Int>>(
      _ x: DesignMatrix, rows: Rows, _ scale: [Double]
    ) -> DesignMatrix {
      let d = x.columns
      precondition(scale.count == d, "one factor per column")
      let count = rows.count * d
      let picked = [Double](unsafeUninitializedCapacity: count) { out, initialized in
        x.values.withUnsafeBufferPointer { values in
          scale.withUnsafeBufferPointer { scale in
            guard let base = out.baseAddress else { return }
            HugePages.advise(UnsafeMutableRawPointer(base), byteCount: count * 8)
            // Every slot written once, row by row; the rows are rows of `x` (checked when read).
            var slot = 0
            for row in rows {
              precondition(row >= 0 && row < x.rows, "a row of the matrix")
              for column in 0..<d { base[slot + column] = values[row * d + column] * scale[column] }
              slot += d
            }
          }
        }
        initialized = count
      }
      return DesignMatrix(rows: rows.count, columns: d, values: picked)
    }

    /// The errors of new rows, row `i` from the components of fold `i mod folds`, so that a
    /// target's rows are spread over the folds' components as the sample's own rows are: the
    /// two means then have the same expectation whatever each fold's fit happened to keep (the
    /// error is a norm, so its mean depends on which directions a fit keeps, and directions of
    /// equal variance are kept or dropped by the sample's noise). Empty when there are no folds.
    public func errors(of x: DesignMatrix, threads: Int? = nil) -> [Double] {
      let k = folds.count
      guard k > 0, x.rows > 0 else { return [] }
      // The folds read `x` through raw pointers (no per-value bounds checks).
      precondition(x.values.count == x.rows * x.columns, "a matrix's values fill its shape")
      // The folds on worker threads (each projection is the same on one thread or many),
      // joined in fold order.
      let folds = folds
      let scales = scales
      let parts = Parallel.map(count: k, threads: threads) { fold -> [Double] in
        guard fold < x.rows else { return [] }
        let rows = Array(stride(from: fold, to: x.rows, by: k))
        return folds[fold].project(Self.rescaled(x, rows: rows, scales[fold]), threads: 1).errors
      }
      var errors = [Double]()
      errors.reserveCapacity(x.rows)
      for part in parts { errors += part }
      return errors
    }
  }

  /// Every row's reconstruction error from components fitted without it (K-fold cross-fitting).
  ///
  /// Why: components fitted on a sample reconstruct that sample's own rows better than new rows
  /// (they are chosen to maximise the variance of exactly those rows), so the in-sample errors are
  /// biased low against a target's. The bias is of order (kept x columns) / rows, small per row but
  /// many standard errors of a mean over tens of thousands of rows: it is what made the band of
  /// ``ReconstructionDrift`` fire on stable windows of 10,000 rows and more.
  ///
  /// The rows are cut into `folds` consecutive folds (the sample is in random order); the
  /// components of each fold are fitted on the other rows, keeping exactly `kept` of them (the
  /// full fit's count, so every error measures the energy outside a subspace of the same
  /// dimension), and the fold's rows are projected on them. A fold's covariance is the whole
  /// sample's cross-product minus the fold's own, so the cost is one pass over the rows plus one
  /// eigen-decomposition per fold. A target is compared through the same fold components
  /// (``HeldOut/errors(of:threads:)``), so both sides' errors come from fits of the same size.
  ///
  /// Each fold's columns are re-standardised with the other folds' means and standard
  /// deviations (its components are those of their correlation matrix), and so are the rows it
  /// reconstructs. The encoding's constants come from the whole baseline, which is often the
  /// sample itself; every column then has variance exactly 1 over the sample, so a fold whose
  /// rows spread wide in a column leaves the other folds narrow in it and their fit less likely
  /// to keep it: the fold's errors come out high (measured: stable 100,000-row windows 1.4-2.1
  /// standard errors below the band's centre). The encoding is affine per column, so
  /// re-standardising with the other folds' moments is encoding with constants computed without
  /// the fold, which breaks that tie.
  ///
  /// - Parameters:
  ///   - x: The fitted sample's rows (at least four).
  ///   - kept: Components to keep in every fold.
  ///   - folds: Folds (at most half the rows are used as folds when there are few rows).
  ///   - threads: Worker threads for the projections (`nil`: every core); the result does not
  ///     depend on it.
  /// - Throws: ``StatsError`` when there are fewer than four rows or GSL fails.
  public static func heldOut(
    _ x: DesignMatrix, kept: Int, folds: Int = heldOutFolds, threads: Int? = nil
  ) throws(StatsError) -> HeldOut {
    let n = x.rows
    let d = x.columns
    // The folds read `x` in place through a GSL view (no per-value bounds checks).
    precondition(x.values.count == n * d, "a matrix's values fill its shape")
    let k = min(max(folds, 2), n / 2)
    guard k >= 2, d >= 1 else {
      throw StatsError("held-out reconstruction errors need at least four rows and one column")
    }
    GSL.prepare()
    let ranges = (0..<k).map { fold in (fold * n / k)..<((fold + 1) * n / k) }
    // Per fold: raw (uncentred) cross-product, lower triangle, and column sums. The columns are
    // standardised with the baseline's own mean and spread, so raw sums lose no precision that
    // matters here.
    let parts = Parallel.map(ranges, threads: threads) {
      range -> (product: [Double], sums: [Double]) in
      // The fold's rows are read where they are (a const view into `x`; dsyrk only reads A),
      // not copied out first.
      var product = [Double](repeating: 0, count: d * d)
      var sums = [Double](repeating: 0, count: d)
      x.values.withUnsafeBufferPointer { values in
        guard let base = values.baseAddress else { return }
        let rows = base + range.lowerBound * d
        product.withUnsafeMutableBufferPointer { c in
          let zView = gsl_matrix_const_view_array(rows, range.count, d)
          var cView = gsl_matrix_view_array(c.baseAddress, d, d)
          withUnsafePointer(to: zView.matrix) { z in
            // Sizes match by construction: dsyrk cannot fail.
            _ = gsl_blas_dsyrk(CblasLower, CblasTrans, 1.0, z, 0.0, &cView.matrix)
          }
        }
        for row in 0..<range.count {
          for column in 0..<d { sums[column] += rows[row * d + column] }
        }
      }
      return (product, sums)
    }
    var product = [Double](repeating: 0, count: d * d)
    var sums = [Double](repeating: 0, count: d)
    for part in parts {
      for index in 0..<(d * d) { product[index] += part.product[index] }
      for column in 0..<d { sums[column] += part.sums[column] }
    }
    // The folds' fits on worker threads (each its own eigen-decomposition and projection, as
    // the serial loop did them; nothing is summed across folds), joined in fold order.
    let (total, columnSums) = (product, sums)
    let fitted = Parallel.map(count: k, threads: threads) {
      fold -> Result<(PrincipalComponents, [Double], [Double]), StatsError> in
      let range = ranges[fold]
      let rows = Double(n - range.count)
      let mean = (0..<d).map { (columnSums[$0] - parts[fold].sums[$0]) / rows }
      var covariance = [Double](repeating: 0, count: d * d)
      for i in 0..<d {
        for j in 0...i {
          let raw = total[i * d + j] - parts[fold].product[i * d + j]
          covariance[i * d + j] = (raw - rows * mean[i] * mean[j]) / (rows - 1)
          covariance[j * d + i] = covariance[i * d + j]
        }
      }
      let scale = (0..<d).map { j in
        let variance = covariance[j * d + j]
        return variance > 0 && variance.isFinite ? 1 / variance.squareRoot() : 1
      }
      for i in 0..<d {
        for j in 0..<d { covariance[i * d + j] *= scale[i] * scale[j] }
      }
      return Result { () throws(StatsError) in
        let components = try decompose(
          covariance: covariance, mean: (0..<d).map { mean[$0] * scale[$0] }, varianceShare: 1,
          keeping: kept)
        let errors =
          components.project(HeldOut.rescaled(x, rows: range, scale), threads: 1).errors
        return (components, errors, scale)
      }
    }
    var errors = [Double]()
    errors.reserveCapacity(n)
    var fits = [PrincipalComponents]()
    var scales = [[Double]]()
    for outcome in fitted {
      let (components, foldErrors, scale) = try outcome.get()
      errors += foldErrors
      fits.append(components)
      scales.append(scale)
    }
    return HeldOut(errors: errors, folds: fits, scales: scales)
  }
}
