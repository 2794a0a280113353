import CGSL

/// Principal components of an encoded baseline sample, and the error of reconstructing rows from
/// the leading ones.
///
/// The covariance matrix (ddof 1) of the centred rows is decomposed with GSL's symmetric
/// eigensolver (`gsl_eigen_symmv`); the fewest leading components whose eigenvalues explain at
/// least the requested share of the total are kept. A row's reconstruction error is the Euclidean
/// norm of its residual, `|z - V V^T z|` with `z` the row minus the sample mean and `V` the kept
/// components (NannyML's data reconstruction drift, on our standardised encoding).
public struct PrincipalComponents: Sendable, Equatable {
  /// Columns of the rows.
  public var dimension: Int
  /// Column means of the fitted sample.
  public var mean: [Double]
  /// Every eigenvalue's share of their sum, largest first.
  public var explainedVarianceRatio: [Double]
  /// The kept components' eigenvalues (variances of the scores on the fitted sample).
  public var variances: [Double]
  /// Components kept.
  public var kept: Int
  /// The kept eigenvectors: `dimension x kept`, row-major (column c is component c).
  public var components: [Double]

  /// Fits the components of `x`'s rows.
  ///
  /// - Parameters:
  ///   - x: At least two rows.
  ///   - varianceShare: Share of variance the kept components explain, in (0, 1].
  ///   - threads: Worker threads (`nil`: every core); the result does not depend on it.
  /// - Throws: ``StatsError`` when there are fewer than two rows or GSL fails.
  public static func fit(_ x: DesignMatrix, varianceShare: Double, threads: Int? = nil)
    throws(StatsError) -> PrincipalComponents
  {
    guard x.rows >= 2, x.columns >= 1 else {
      throw StatsError("principal components need at least two rows and one column")
    }
    GSL.prepare()
    let d = x.columns
    let mean = columnMeans(x, threads: threads)
    let parts = ChunkedWork.map(rows: x.rows, threads: threads) { range in
      var centred = centredRows(x, range: range, mean: mean)
      var product = [Double](repeating: 0, count: d * d)
      centred.withUnsafeMutableBufferPointer { z in
        product.withUnsafeMutableBufferPointer { c in
          var zView = gsl_matrix_view_array(z.baseAddress, range.count, d)
          var cView = gsl_matrix_view_array(c.baseAddress, d, d)
          // Sizes match by construction: dsyrk cannot fail.
          _ = gsl_blas_dsyrk(CblasLower, CblasTrans, 1.0, &zView.matrix, 0.0, &cView.matrix)
        }
      }
      return product
    }
    var covariance = [Double](repeating: 0, count: d * d)
    for part in parts {
      for index in 0..<(d * d) { covariance[index] += part[index] }
    }
    let scale = 1 / Double(x.rows - 1)
    for i in 0..<d {
      for j in 0...i {
        covariance[i * d + j] *= scale
        covariance[j * d + i] = covariance[i * d + j]
      }
    }
    return try decompose(
      covariance: covariance, mean: mean, varianceShare: varianceShare, keeping: nil)
  }

  /// Components of a covariance matrix (`d x d`, row-major, symmetric): the fewest leading ones
  /// that explain `varianceShare` of the total, or exactly `keeping` of them when given.
  static func decompose(
    covariance: [Double], mean: [Double], varianceShare: Double, keeping: Int?
  ) throws(StatsError) -> PrincipalComponents {
    let d = mean.count
    let (values, vectors) = try eigen(covariance, dimension: d)
    let total = values.reduce(0, +)
    let ratios = values.map { total > 0 ? $0 / total : 0 }
    var kept = 0
    if let keeping {
      kept = min(max(keeping, 0), d)
    } else if total > 0 {
      var cumulative = 0.0
      while kept < d && cumulative < varianceShare {
        cumulative += ratios[kept]
        kept += 1
      }
    }
    var components = [Double](repeating: 0, count: d * kept)
    for i in 0..<d {
      for c in 0..<kept { components[i * kept + c] = vectors[i * d + c] }
    }
    return PrincipalComponents(
      dimension: d, mean: mean, explainedVarianceRatio: ratios, variances: Array(values[0..<kept]),
      kept: kept, components: components)
  }

  /// Creates components from their parts.
  public init(
    dimension: Int, mean: [Double], explainedVarianceRatio: [Double], variances: [Double],
    kept: Int, components: [Double]
  ) {
    self.dimension = dimension
    self.mean = mean
    self.explainedVarianceRatio = explainedVarianceRatio
    self.variances = variances
    self.kept = kept
    self.components = components
  }

  /// The reconstruction error of every row of `x`.
  public func reconstructionErrors(_ x: DesignMatrix, threads: Int? = nil) -> [Double] {
    project(x, threads: threads).errors
  }

  /// The rows of a matrix seen through the components.
  public struct Projection: Sendable, Equatable {
    /// Scores on the kept components, `rows x kept`, row-major.
    public var scores: [Double]
    /// Reconstruction error of every row.
    public var errors: [Double]
  }

  /// The scores and reconstruction errors of `x`'s rows.
  ///
  /// The components are orthonormal, so the squared residual is `|z|^2 - |s|^2` with `s = V^T z`
  /// the scores: one matrix product (`Z V`, GSL's dgemm) instead of two. Rounding can make it a
  /// hair below 0 for a row in the components' span; it is then 0.
  public func project(_ x: DesignMatrix, threads: Int? = nil) -> Projection {
    precondition(x.columns == dimension, "rows must have the fitted dimension")
    // Each chunk writes its scores and errors straight into the final arrays (no per-chunk
    // arrays joined after). The scores' slots are zeroed first, as the zeroed chunk arrays
    // were, so dgemm's output (beta 0) starts from the same memory.
    guard x.rows > 0 else { return Projection(scores: [], errors: []) }
    var errors = [Double](repeating: 0, count: x.rows)
    let scores = errors.withUnsafeMutableBufferPointer { errorBuffer in
      // `errors` holds x.rows > 0 values, so its buffer has an address.
      let errorOutput = ChunkOutput(base: errorBuffer.baseAddress.unsafelyUnwrapped)
      return fillScores(x, errors: errorOutput, threads: threads)
    }
    return Projection(scores: scores, errors: errors)
  }

  /// The scores of ``project(_:threads:)``, its errors written to `errors` (one per row).
  private func fillScores(_ x: DesignMatrix, errors errorOutput: ChunkOutput, threads: Int?)
    -> [Double]
  {
    let d = dimension
    let k = kept
    let components = components
    let mean = mean
    return ChunkedWork.fill(rows: x.rows, width: k, threads: threads) { range, s in
      s.initialize(repeating: 0, count: range.count * k)
      var centred = Self.centredRows(x, range: range, mean: mean)
      if k > 0 {
        var basis = components
        centred.withUnsafeMutableBufferPointer { z in
          basis.withUnsafeMutableBufferPointer { v in
            var zView = gsl_matrix_view_array(z.baseAddress, range.count, d)
            var sView = gsl_matrix_view_array(s, range.count, k)
            var vView = gsl_matrix_view_array(v.baseAddress, d, k)
            // S = Z V. Sizes match by construction: dgemm cannot fail.
            _ = gsl_blas_dgemm(
              CblasNoTrans, CblasNoTrans, 1.0, &zView.matrix, &vView.matrix, 0.0, &sView.matrix)
          }
        }
      }
      for row in 0..<range.count {
        var total = 0.0
        for column in 0..<d { total += centred[row * d + column] * centred[row * d + column] }
        var explained = 0.0
        for component in 0..<k { explained += s[row * k + component] * s[row * k + component] }
        errorOutput.base[range.lowerBound + row] = max(0, total - explained).squareRoot()
      }
    }
  }

  /// Column means, summed over fixed chunks in order.
  static func columnMeans(_ x: DesignMatrix, threads: Int?) -> [Double] {
    let d = x.columns
    let parts = ChunkedWork.map(rows: x.rows, threads: threads) { range in
      var sums = [Double](repeating: 0, count: d)
      for row in range {
        for column in 0..<d { sums[column] += x.values[row * d + column] }
      }
      return sums
    }
    var sums = [Double](repeating: 0, count: d)
    for part in parts {
      for column in 0..<d { sums[column] += part[column] }
    }
    return sums.map { $0 / Double(x.rows) }
  }

  /// Rows `range` of `x` minus `mean`, row-major.
  static func centredRows(_ x: DesignMatrix, range: Range<Int>, mean: [Double]) -> [Double] {
    let d = x.columns
    var out = HugePages.zeros(count: range.count * d)
    for (row, index) in range.enumerated() {
      for column in 0..<d { out[row * d + column] = x.values[index * d + column] - mean[column] }
    }
    return out
  }

  /// Eigenvalues (descending) and eigenvectors (columns of a row-major matrix) of a symmetric
  /// matrix.
  static func eigen(_ matrix: [Double], dimension d: Int) throws(StatsError) -> (
    [Double], [Double]
  ) {
    var input = matrix
    var values = [Double](repeating: 0, count: d)
    var vectors = [Double](repeating: 0, count: d * d)
    guard let workspace = gsl_eigen_symmv_alloc(d) else {
      throw StatsError("cannot allocate the eigen-decomposition workspace (\(d) columns)")
    }
    defer { gsl_eigen_symmv_free(workspace) }
    let status = input.withUnsafeMutableBufferPointer { a in
      values.withUnsafeMutableBufferPointer { eval in
        vectors.withUnsafeMutableBufferPointer { evec -> Int32 in
          var aView = gsl_matrix_view_array(a.baseAddress, d, d)
          var valueView = gsl_vector_view_array(eval.baseAddress, d)
          var vectorView = gsl_matrix_view_array(evec.baseAddress, d, d)
          // gsl_eigen_symmv: "computes the eigenvalues and eigenvectors of the real symmetric
          // matrix A"; the diagonal and lower triangle of A are destroyed.
          let solved = gsl_eigen_symmv(
            &aView.matrix, &valueView.vector, &vectorView.matrix, workspace)
          guard solved == GSL_SUCCESS else { return solved }
          return gsl_eigen_symmv_sort(
            &valueView.vector, &vectorView.matrix, GSL_EIGEN_SORT_VAL_DESC)
        }
      }
    }
    try GSL.check(status, "the eigen-decomposition of the baseline covariance")
    return (values, vectors)
  }
}
