/// Quantiles of sorted data with linear interpolation between order statistics.
///
/// This is numpy's default (`method="linear"`, Hyndman & Fan type 7): the quantile at probability
/// `q` of `n` sorted values sits at the virtual index `q * (n - 1)` and interpolates between the
/// two neighbouring values.
///
/// GSL's `gsl_stats_quantile_from_sorted_data` uses the same index but interpolates as
/// `(1 - d) * a + d * b`, which can move a quantile lying between two *equal* values off that value
/// by one ulp. A bin edge one ulp above a heavily repeated value (think integer ages or counts)
/// would send every copy of that value into the wrong bin, so we interpolate the way numpy does:
/// `a + (b - a) * d` below `d = 0.5` and `b - (b - a) * (1 - d)` from there on, which returns `a`
/// exactly when `a == b` and gives the same double as numpy.
enum LinearQuantile {
  /// The quantile at probability `q` (in [0, 1]) of the ascending, non-empty `sorted` values.
  static func fromSorted(_ sorted: UnsafeBufferPointer<Double>, probability q: Double) -> Double {
    let n = sorted.count
    precondition(n > 0, "quantile of an empty sample")
    let index = Double(n - 1) * q
    if index >= Double(n - 1) { return sorted[n - 1] }
    if index <= 0 { return sorted[0] }
    let lower = index.rounded(.down)
    let gamma = index - lower
    let a = sorted[Int(lower)]
    let b = sorted[Int(lower) + 1]
    let difference = b - a
    return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
  }

  /// The quantile at probability `q` of the ascending, non-empty `sorted` values.
  static func fromSorted(_ sorted: [Double], probability q: Double) -> Double {
    sorted.withUnsafeBufferPointer { fromSorted($0, probability: q) }
  }
}
