import CGSL

extension AndersonDarlingKSample {
  /// Critical values for k = 2 samples (m = k - 1 = 1): b0 + b1 / sqrt(m) + b2 / m with the
  /// interpolation coefficients of Scholz and Stephens (1987), Table 2.
  static let criticalValues: [Double] = {
    let b0: [Double] = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085]
    let b1: [Double] = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615]
    let b2: [Double] = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154]
    var values = [Double]()
    for index in 0..<7 {
      let withSlope: Double = b0[index] + b1[index]
      values.append(withSlope + b2[index])
    }
    return values
  }()

  /// Least-squares quadratic c0 + c1 x + c2 x^2 through (critical value, log level).
  static let logLevelFit: (c0: Double, c1: Double, c2: Double) = {
    // Normal equations on centred abscissae keep the 3 x 3 system well conditioned.
    let xs = criticalValues
    let ys = levels.map { gsl_sf_log($0) }
    let centre = xs.reduce(0, +) / Double(xs.count)
    var s = [Double](repeating: 0, count: 5)  // sums of t^0 ... t^4
    var r = [Double](repeating: 0, count: 3)  // sums of y t^0 ... y t^2
    for (x, y) in zip(xs, ys) {
      let t = x - centre
      var power = 1.0
      for p in 0..<5 {
        s[p] += power
        if p < 3 { r[p] += y * power }
        power *= t
      }
    }
    let (e0, e1, e2) = solve3(
      [[s[0], s[1], s[2]], [s[1], s[2], s[3]], [s[2], s[3], s[4]]], r)
    // Expand e0 + e1 (x - c) + e2 (x - c)^2 back to powers of x.
    return (e0 - e1 * centre + e2 * centre * centre, e1 - 2 * e2 * centre, e2)
  }()

  /// scipy's capped p-value for a standardized statistic.
  static func pValue(_ statistic: Double) -> Double {
    guard let lowest = criticalValues.first, let highest = criticalValues.last else { return 1 }
    if statistic < lowest { return levels[0] }
    if statistic > highest { return levels[levels.count - 1] }
    let fit = logLevelFit
    return gsl_sf_exp(fit.c0 + fit.c1 * statistic + fit.c2 * statistic * statistic)
  }

  /// Solves a 3 x 3 linear system by Gaussian elimination with partial pivoting.
  private static func solve3(_ matrix: [[Double]], _ rhs: [Double]) -> (Double, Double, Double) {
    var a = matrix
    var b = rhs
    for column in 0..<3 {
      var pivot = column
      for row in column..<3 where abs(a[row][column]) > abs(a[pivot][column]) { pivot = row }
      a.swapAt(column, pivot)
      b.swapAt(column, pivot)
      for row in (column + 1)..<3 {
        let factor = a[row][column] / a[column][column]
        for k in column..<3 { a[row][k] -= factor * a[column][k] }
        b[row] -= factor * b[column]
      }
    }
    var x = [0.0, 0.0, 0.0]
    for row in stride(from: 2, through: 0, by: -1) {
      var value = b[row]
      for k in (row + 1)..<3 { value -= a[row][k] * x[k] }
      x[row] = value / a[row][row]
    }
    return (x[0], x[1], x[2])
  }
}
