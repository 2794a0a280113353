extension KolmogorovDistribution {
  /// P(D_n <= d) by Durbin's matrix formula as organised by Marsaglia, Tsang and Wang (2003),
  /// "Evaluating Kolmogorov's Distribution", J. Stat. Softw. 8(18).
  ///
  /// With k = ceil(n d), h = k - n d and m = 2k - 1, the m x m matrix H has
  /// H[i][j] = 1 / (i - j + 1)! for i - j + 1 >= 0 (else 0), minus h^(i+1) / (i+1)! down the
  /// first column, minus h^(m-j) / (m-j)! along the last row, plus (2h - 1)^m / m! in the
  /// bottom-left corner when 2h > 1. Then P = n! / n^n * (H^n)[k-1][k-1]. Powers of two
  /// rescale intermediate matrices so nothing overflows; cost O(m^3 log n).
  static func durbinCDF(_ d: Double, n: Int) -> Double {
    if d >= 1 { return 1 }
    let nd = Double(n) * d
    if nd <= 0.5 { return 0 }
    let k = Int(nd.rounded(.up))
    let h = Double(k) - nd
    let m = 2 * k - 1
    // inverseFactorial[i] = 1 / i!, hPower[i] = h^i / i!, for i in 0...m.
    var inverseFactorial = [Double](repeating: 1, count: m + 1)
    var hPower = [Double](repeating: 1, count: m + 1)
    for i in 1...m {
      inverseFactorial[i] = inverseFactorial[i - 1] / Double(i)
      hPower[i] = hPower[i - 1] * h / Double(i)
    }
    var base = [Double](repeating: 0, count: m * m)
    for i in 0..<m {
      for j in 0...min(i + 1, m - 1) { base[i * m + j] = inverseFactorial[i - j + 1] }
    }
    for i in 0..<m { base[i * m] -= hPower[i + 1] }
    for j in 0..<m { base[(m - 1) * m + j] -= hPower[m - j] }
    if 2 * h - 1 > 0 {
      var corner = 1.0
      for _ in 0..<m { corner *= 2 * h - 1 }
      base[(m - 1) * m] += corner * inverseFactorial[m]
    }
    var result = [Double](repeating: 0, count: m * m)
    for i in 0..<m { result[i * m + i] = 1 }
    var resultExponent = 0
    var baseExponent = 0
    var remaining = n
    var scratch = [Double](repeating: 0, count: m * m)
    while remaining > 0 {
      if remaining & 1 == 1 {
        multiply(result, base, into: &scratch, size: m)
        swap(&result, &scratch)
        resultExponent += baseExponent + rescale(&result)
      }
      remaining >>= 1
      if remaining > 0 {
        multiply(base, base, into: &scratch, size: m)
        swap(&base, &scratch)
        baseExponent = 2 * baseExponent + rescale(&base)
      }
    }
    var p = result[(k - 1) * m + (k - 1)]
    // Multiply by n!/n^n one factor at a time, keeping p away from underflow.
    let size = Double(n)
    let big = Double(sign: .plus, exponent: 128, significand: 1)
    let tiny = Double(sign: .plus, exponent: -128, significand: 1)
    for i in 1...n {
      p = Double(i) * p / size
      if abs(p) < tiny {
        p *= big
        resultExponent -= 128
      }
    }
    return scaled(p, byPowerOfTwo: resultExponent)
  }

  /// `out = a * b` for square row-major matrices of the given size.
  private static func multiply(_ a: [Double], _ b: [Double], into out: inout [Double], size m: Int)
  {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { out in
          for i in 0..<m {
            let row = i * m
            for j in 0..<m { out[row + j] = 0 }
            for l in 0..<m {
              let factor = a[row + l]
              if factor == 0 { continue }
              let other = l * m
              for j in 0..<m { out[row + j] += factor * b[other + j] }
            }
          }
        }
      }
    }
  }

  /// Divides the matrix by a power of two near its largest entry; returns that power.
  private static func rescale(_ matrix: inout [Double]) -> Int {
    var largest = 0.0
    for value in matrix { largest = max(largest, abs(value)) }
    guard largest > 0, largest.isFinite else { return 0 }
    let power = Int(largest.exponent)
    if abs(power) < 64 { return 0 }
    let factor = Double(sign: .plus, exponent: -power, significand: 1)
    for i in matrix.indices { matrix[i] *= factor }
    return power
  }

  /// `value * 2^power`, saturating to 0 or infinity.
  static func scaled(_ value: Double, byPowerOfTwo power: Int) -> Double {
    var result = value
    var left = power
    // Step in chunks so the factor itself never overflows or underflows.
    while left > 1000 {
      result *= Double(sign: .plus, exponent: 1000, significand: 1)
      left -= 1000
    }
    while left < -1000 {
      result *= Double(sign: .plus, exponent: -1000, significand: 1)
      left += 1000
    }
    return result * Double(sign: .plus, exponent: left, significand: 1)
  }
}
