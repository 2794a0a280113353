import CGSL

extension KolmogorovDistribution {
  /// P(D_n <= d) by the Pelz-Good (1976) asymptotic series, as given by Simard and L'Ecuyer
  /// (2011, section 2.3): K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n^(3/2) with z = d sqrt(n),
  /// each K written with the Jacobi theta transformation so it converges fast for small z.
  ///
  /// Sums run over k = 1...ceil(16 z / pi) terms, far past where they stop changing the
  /// result; below z ~ 0.0417 the value underflows and 0 is returned.
  static func pelzGoodCDF(_ d: Double, n: Int) -> Double {
    if d <= 0 { return 0 }
    if d >= 1 { return 1 }
    let pi2 = Double.pi * Double.pi
    let pi4 = pi2 * pi2
    let pi6 = pi4 * pi2
    let root2pi = (2 * Double.pi).squareRoot()
    let z = Double(n).squareRoot() * d
    let z2 = z * z
    let z4 = z2 * z2
    let z6 = z4 * z2
    let z8 = z4 * z4
    let oddExponent = -pi2 / (8 * z2)  // log of the weight of the (k - 1/2) terms at k = 1
    if oddExponent < -708 { return 0 }
    let terms = max(Int((16 * z / Double.pi).rounded(.up)), 1)
    // Sums over half-integers (k - 1/2), written with m = 2k - 1, weight exp(-pi^2 m^2/(8 z^2)).
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var s3 = 0.0
    // Sums over integers k, weight exp(-pi^2 k^2 / (2 z^2)).
    var e2 = 0.0
    var e3 = 0.0
    for k in stride(from: terms, through: 1, by: -1) {
      let m = Double(2 * k - 1)
      let m2 = m * m
      let weight = gsl_sf_exp(oddExponent * m2)
      s0 += weight
      s1 += (pi2 * m2 / 4 - z2) * weight
      s2 +=
        ((6 * z6 + 2 * z4) + (2 * z4 - 5 * z2) * pi2 * m2 / 4 + (1 - 2 * z2) * pi4 * m2 * m2 / 16)
        * weight
      s3 +=
        ((-30 * z6 - 90 * z8) + (135 * z4 - 96 * z6) * pi2 * m2 / 4
          + (-60 * z2 + 212 * z4) * pi4 * m2 * m2 / 16 + (5 - 30 * z2) * pi6 * m2 * m2 * m2 / 64)
        * weight
      let kk = Double(k) * Double(k)
      let integerWeight = gsl_sf_exp(-pi2 * kk / (2 * z2))
      e2 += kk * integerWeight
      e3 += (3 * z2 - pi2 * kk) * kk * integerWeight
    }
    let k0 = root2pi / z * s0
    let k1 = root2pi / (6 * z4) * s1
    let k2 = root2pi / (72 * z6 * z) * s2 - root2pi * pi2 / (36 * z2 * z) * e2
    let k3 = root2pi / (6480 * z8 * z2) * s3 + root2pi * pi2 / (216 * z6) * e3
    let size = Double(n)
    let rootN = size.squareRoot()
    return k0 + k1 / rootN + k2 / size + k3 / (size * rootN)
  }
}
