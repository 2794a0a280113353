import CGSL

/// Logistic regression with an L2 penalty on the slopes, fitted by iteratively reweighted least
/// squares (Newton's method) with GSL's BLAS and Cholesky solver.
///
/// It minimises `sum_i [log(1 + e^eta_i) - y_i eta_i] + penalty / 2 * |w|^2`, with
/// `eta_i = b + w . x_i` and the intercept `b` not penalised: scikit-learn's
/// `LogisticRegression(C = 1 / penalty)` objective. The default penalty 1 (scikit-learn's default
/// C = 1) is small against the data term of the hundreds to 140,000 training rows used, yet makes
/// the objective strictly convex, so the fit converges to finite coefficients even when the two
/// classes are perfectly separable.
///
/// The loss and gradient are always summed over every row. The Hessian `X^T W X + penalty D`,
/// the expensive part (rows x columns^2), is computed on at most ``hessianRows`` evenly spaced
/// rows (scaled to the full count: a sub-sampled Newton method) and only recomputed when a step
/// shrank the gradient by less than half. Up to ``hessianRows`` rows this is Newton's method
/// itself; beyond, the steps still converge to the same optimum (where the full gradient is 0),
/// linearly instead of quadratically, for a fraction of the cost.
public struct LogisticRegression: Sendable, Equatable {
  /// The default L2 penalty (lambda; scikit-learn's C = 1 / lambda).
  public static let defaultPenalty = 1.0
  /// Newton iterations at most.
  static let maximumIterations = 200
  /// Rows the Hessian is computed on, at most (evenly spaced rows when there are more).
  public static let hessianRows = 16_384

  /// Intercept first, then one slope per design-matrix column.
  public var coefficients: [Double]
  /// Newton iterations taken.
  public var iterations: Int

  /// Fits the model.
  ///
  /// - Parameters:
  ///   - x: The design matrix (no intercept column: it is added).
  ///   - labels: 1 or 0 per row.
  ///   - penalty: L2 penalty on the slopes.
  ///   - threads: Worker threads (`nil`: every core); the result does not depend on it.
  /// - Throws: ``StatsError`` when the rows and labels disagree or the Newton system cannot be
  ///   solved.
  public static func fit(
    _ x: DesignMatrix, labels: [Double], penalty: Double = defaultPenalty, threads: Int? = nil
  ) throws(StatsError) -> LogisticRegression {
    guard labels.count == x.rows, x.rows > 0 else {
      throw StatsError("logistic regression needs one label per row and at least one row")
    }
    GSL.prepare()
    let p = x.columns + 1
    let stride = (x.rows + hessianRows - 1) / hessianRows
    // The Hessian's rows are read where they are in `x` (rows 0, stride, 2 stride, ...), not
    // copied out; only their labels (one per row) are picked into an array.
    let hessianLabels =
      stride > 1 ? Swift.stride(from: 0, to: x.rows, by: stride).map { labels[$0] } : labels
    let scale = Double(x.rows) / Double(hessianLabels.count)
    func factor(at beta: [Double]) throws(StatsError) -> [Double] {
      try NewtonPass.run(
        x: x, rowStride: stride, labels: hessianLabels, beta: beta, hessian: true,
        threads: threads
      ).factorHessian(penalty: penalty, scale: scale)
    }
    var beta = [Double](repeating: 0, count: p)
    var current = NewtonPass.run(x: x, labels: labels, beta: beta, hessian: false, threads: threads)
    var objective = current.objective(beta: beta, penalty: penalty)
    var hessianFactor = try factor(at: beta)
    var iterations = 0
    while iterations < maximumIterations {
      iterations += 1
      let gradient = current.penalisedGradient(beta: beta, penalty: penalty)
      let delta = try NewtonPass.solve(factor: hessianFactor, gradient, size: p)
      var step = 1.0
      var candidate = beta
      var next = current
      var candidateObjective = objective
      // Step halving keeps every iteration downhill (rarely needed: the objective is convex).
      while true {
        for j in 0..<p { candidate[j] = beta[j] - step * delta[j] }
        next = NewtonPass.run(
          x: x, labels: labels, beta: candidate, hessian: false, threads: threads)
        candidateObjective = next.objective(beta: candidate, penalty: penalty)
        if candidateObjective <= objective + 1e-12 * abs(objective) || step < 1e-10 { break }
        step /= 2
      }
      let change = delta.reduce(0) { max($0, abs($1)) } * step
      let size = candidate.reduce(0) { max($0, abs($1)) }
      let before = gradient.reduce(0) { $0 + $1 * $1 }
      let after = next.penalisedGradient(beta: candidate, penalty: penalty).reduce(0) {
        $0 + $1 * $1
      }
      beta = candidate
      current = next
      objective = candidateObjective
      if change <= 1e-10 * (1 + size) { break }
      // Squared norms: recompute the Hessian when the gradient shrank by less than half.
      if step < 1 || after > before / 4 { hessianFactor = try factor(at: beta) }
    }
    guard beta.allSatisfy(\.isFinite) else {
      throw StatsError("logistic regression diverged (non-finite coefficients)")
    }
    return LogisticRegression(coefficients: beta, iterations: iterations)
  }

  /// Creates a model from known coefficients (intercept first).
  public init(coefficients: [Double], iterations: Int = 0) {
    self.coefficients = coefficients
    self.iterations = iterations
  }

  /// The linear predictor (log-odds of class 1) of every row of `x`.
  public func decision(_ x: DesignMatrix) -> [Double] {
    precondition(x.columns + 1 == coefficients.count, "one coefficient per column plus intercept")
    var out = [Double](repeating: 0, count: x.rows)
    x.values.withUnsafeBufferPointer { values in
      coefficients.withUnsafeBufferPointer { beta in
        for row in 0..<x.rows {
          var eta = beta[0]
          let base = row * x.columns
          for column in 0..<x.columns { eta += beta[column + 1] * values[base + column] }
          out[row] = eta
        }
      }
    }
    return out
  }
}

/// The loss, gradient and Hessian (`X^T W X`, lower triangle) of the unpenalised loss at one
/// coefficient vector, summed over fixed row chunks in chunk order.
struct NewtonPass: Sendable {
  var loss: Double
  var gradient: [Double]
  var hessian: [Double]
  var size: Int

  /// The pass over rows 0, `rowStride`, 2 `rowStride`, ... of `x` (every row by default), the
  /// i-th of them with label `labels[i]`: the pass over a copy of those rows, without the copy.
  static func run(
    x: DesignMatrix, rowStride: Int = 1, labels: [Double], beta: [Double], hessian: Bool,
    threads: Int?
  ) -> NewtonPass {
    let p = x.columns + 1
    let rows = (x.rows + rowStride - 1) / rowStride
    let parts = ChunkedWork.map(rows: rows, threads: threads) { range in
      chunk(
        x: x, rowStride: rowStride, labels: labels, beta: beta, range: range, hessian: hessian)
    }
    var total = NewtonPass(
      loss: 0, gradient: [Double](repeating: 0, count: p),
      hessian: [Double](repeating: 0, count: hessian ? p * p : 0), size: p)
    for part in parts {
      total.loss += part.loss
      for j in 0..<p { total.gradient[j] += part.gradient[j] }
      if hessian {
        for j in 0..<(p * p) { total.hessian[j] += part.hessian[j] }
      }
    }
    return total
  }

  /// One chunk: eta, the weights, and `A^T A` of the weighted rows `A = sqrt(w) [1, x]` by dsyrk.
  static func chunk(
    x: DesignMatrix, rowStride: Int = 1, labels: [Double], beta: [Double], range: Range<Int>,
    hessian withHessian: Bool
  ) -> NewtonPass {
    let d = x.columns
    let p = d + 1
    var weighted = [Double](repeating: 0, count: withHessian ? range.count * p : 0)
    var gradient = [Double](repeating: 0, count: p)
    var loss = 0.0
    // Every array through an unsafe buffer for the whole chunk: the per-row loops then carry no
    // copy-on-write or bounds check per element (the indices stay inside: rows of `range` inside
    // `x` and `labels`, `p` coefficients, checked once here; `range.count * p` weighted cells).
    // The same operations in the same order as through the arrays, so the same bits.
    precondition(
      beta.count == p && rowStride >= 1 && range.lowerBound >= 0
        && (range.isEmpty || (range.upperBound - 1) * rowStride < x.rows)
        && range.upperBound <= labels.count,
      "one coefficient per column plus intercept, rows inside the matrix and the labels")
    x.values.withUnsafeBufferPointer { values in
      beta.withUnsafeBufferPointer { beta in
        labels.withUnsafeBufferPointer { labels in
          gradient.withUnsafeMutableBufferPointer { gradient in
            weighted.withUnsafeMutableBufferPointer { weighted in
              loss = accumulate(
                values: values, beta: beta, labels: labels, range: range, rowStride: rowStride,
                columns: d,
                gradient: gradient, weighted: withHessian ? weighted : nil)
            }
          }
        }
      }
    }
    guard withHessian else {
      return NewtonPass(loss: loss, gradient: gradient, hessian: [], size: p)
    }
    var hessian = [Double](repeating: 0, count: p * p)
    weighted.withUnsafeMutableBufferPointer { a in
      hessian.withUnsafeMutableBufferPointer { h in
        var aView = gsl_matrix_view_array(a.baseAddress, range.count, p)
        var hView = gsl_matrix_view_array(h.baseAddress, p, p)
        // C = 1 * A^T A + 0 * C, lower triangle. Sizes match by construction, so it cannot fail.
        _ = gsl_blas_dsyrk(CblasLower, CblasTrans, 1.0, &aView.matrix, 0.0, &hView.matrix)
      }
    }
    return NewtonPass(loss: loss, gradient: gradient, hessian: hessian, size: p)
  }

  /// The loss of the rows of `range` (row i at `i * rowStride` in `values`, label `labels[i]`;
  /// returned), their gradient (added to `gradient`) and, when
  /// `weighted` is given, their rows `sqrt(w) [1, x]` (written from its start).
  @inline(__always)
  private static func accumulate(
    values: UnsafeBufferPointer<Double>, beta: UnsafeBufferPointer<Double>,
    labels: UnsafeBufferPointer<Double>, range: Range<Int>, rowStride: Int, columns d: Int,
    gradient: UnsafeMutableBufferPointer<Double>, weighted: UnsafeMutableBufferPointer<Double>?
  ) -> Double {
    let p = d + 1
    var loss = 0.0
    for (row, index) in range.enumerated() {
      let base = index * rowStride * d
      var eta = beta[0]
      for j in 0..<d { eta += beta[j + 1] * values[base + j] }
      let (mu, softplusEta) = sigmoidAndSoftplus(eta)
      let y = labels[index]
      loss += softplusEta - y * eta
      let residual = mu - y
      gradient[0] += residual
      for j in 0..<d { gradient[j + 1] += residual * values[base + j] }
      guard let weighted else { continue }
      let root = (mu * (1 - mu)).squareRoot()
      weighted[row * p] = root
      for j in 0..<d { weighted[row * p + j + 1] = root * values[base + j] }
    }
    return loss
  }

  /// The penalised objective at `beta`.
  func objective(beta: [Double], penalty: Double) -> Double {
    var squares = 0.0
    for j in 1..<size { squares += beta[j] * beta[j] }
    return loss + penalty / 2 * squares
  }

  /// The gradient of the penalised objective at `beta`.
  func penalisedGradient(beta: [Double], penalty: Double) -> [Double] {
    var g = gradient
    for i in 1..<size { g[i] += penalty * beta[i] }
    return g
  }

  /// The Cholesky factor of the penalised Hessian `scale * X^T W X + penalty * D` (D: identity
  /// without the intercept), as GSL leaves it (lower triangle).
  func factorHessian(penalty: Double, scale: Double = 1) throws(StatsError) -> [Double] {
    let p = size
    var h = hessian
    for i in 0..<p {
      for j in 0...i { h[i * p + j] *= scale }
      for j in 0..<i { h[j * p + i] = h[i * p + j] }
      if i > 0 { h[i * p + i] += penalty }
    }
    let status = h.withUnsafeMutableBufferPointer { buffer -> Int32 in
      var view = gsl_matrix_view_array(buffer.baseAddress, p, p)
      // gsl_linalg_cholesky_decomp1: "factorizes the symmetric, positive-definite square
      // matrix A into the Cholesky decomposition A = L L^T", returning GSL_EDOM otherwise.
      return gsl_linalg_cholesky_decomp1(&view.matrix)
    }
    try GSL.check(status, "the Newton step of the domain classifier (Cholesky)")
    return h
  }

  /// Solves `(L L^T) delta = g` with a factor from ``factorHessian(penalty:)``.
  static func solve(factor: [Double], _ gradient: [Double], size p: Int) throws(StatsError)
    -> [Double]
  {
    var l = factor
    var g = gradient
    var delta = [Double](repeating: 0, count: p)
    let status = l.withUnsafeMutableBufferPointer { lBuffer in
      g.withUnsafeMutableBufferPointer { gBuffer in
        delta.withUnsafeMutableBufferPointer { dBuffer -> Int32 in
          var lView = gsl_matrix_view_array(lBuffer.baseAddress, p, p)
          var gView = gsl_vector_view_array(gBuffer.baseAddress, p)
          var dView = gsl_vector_view_array(dBuffer.baseAddress, p)
          return gsl_linalg_cholesky_solve(&lView.matrix, &gView.vector, &dView.vector)
        }
      }
    }
    try GSL.check(status, "the Newton step of the domain classifier (solve)")
    return delta
  }
}

/// `1 / (1 + e^-eta)`, without overflow.
@inline(__always)
func sigmoid(_ eta: Double) -> Double {
  if eta >= 0 { return 1 / (1 + exp(-eta)) }
  let e = exp(eta)
  return e / (1 + e)
}

/// `log(1 + e^eta)`, without overflow.
@inline(__always)
func softplus(_ eta: Double) -> Double {
  eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta))
}

/// `sigmoid(eta)` and `softplus(eta)` from one `exp`: both take `exp(-eta)` when `eta >= 0`
/// (at 0, `exp(-0) == exp(0) == 1`, the value `softplus` takes there) and `exp(eta)` otherwise,
/// so each result has the bits of its function's own.
@inline(__always)
func sigmoidAndSoftplus(_ eta: Double) -> (sigmoid: Double, softplus: Double) {
  if eta >= 0 {
    let e = exp(-eta)
    return (1 / (1 + e), eta > 0 ? eta + log1p(e) : log1p(e))
  }
  let e = exp(eta)
  return (e / (1 + e), log1p(e))
}
