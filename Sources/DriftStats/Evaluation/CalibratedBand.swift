/// The quiet band of a calibrated threshold: the statistics a window may take without counting
/// as drift, derived from the baseline itself (mean ± sigma standard deviations of the statistic
/// between baseline chunks and the rest of the baseline).
///
/// Only `welch_t` has a lower bound: its t statistic is signed, so a shift either way leaves the
/// band. Every other calibrated statistic grows with the difference between the two sides (0 or
/// its null value when they agree), so a window *closer* to the baseline than chunks usually are
/// is not drift: the band is one-sided and `lower` is `nil`.
public struct CalibratedBand: Sendable, Equatable, Codable {
  /// Drift when the statistic is below this bound; `nil` for one-sided (upper-only) bands.
  public var lower: Double?
  /// Drift when the statistic is above this bound.
  public var upper: Double

  /// Creates a band.
  public init(lower: Double?, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// Whether `value` lies outside the band.
  public func signalsDrift(_ value: Double) -> Bool {
    if value > upper { return true }
    if let lower, value < lower { return true }
    return false
  }

  /// `cal>0.0831` for a one-sided band, `cal[-2.14,2.31]` for a two-sided one (bounds to four
  /// significant digits; the stored and JSON values keep every digit).
  public var summary: String {
    if let lower { return "cal[\(Self.rounded(lower)),\(Self.rounded(upper))]" }
    return "cal>\(Self.rounded(upper))"
  }

  /// `value` to four significant digits, as text.
  static func rounded(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return Threshold.short(value) }
    var scale = 1.0
    var scaled = abs(value)
    // Bring |value| into [1000, 10000) by powers of ten; bounded by the exponent range.
    while scaled < 1000 && scale < 1e300 {
      scaled *= 10
      scale *= 10
    }
    while scaled >= 10000 && scale > 1e-300 {
      scaled /= 10
      scale /= 10
    }
    let result = (abs(value) * scale).rounded() / scale
    return Threshold.short(value < 0 ? -result : result)
  }
}
