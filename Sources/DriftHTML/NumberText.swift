import Foundation

/// Short, stable number formatting for pages: the same value always prints the same text.
enum NumberText {
  /// Four significant digits, `-` for a missing value.
  static func short(_ value: Double?) -> String {
    guard let value else { return "\u{2013}" }
    guard value.isFinite else {
      return value.isNaN ? "NaN" : (value > 0 ? "\u{221E}" : "-\u{221E}")
    }
    if value == 0 { return "0" }
    // Whole numbers up to a billion print in full (27630, not 2.763e+04): bin edges of
    // amounts and counts read better that way.
    if abs(value) >= 1000 && abs(value) < 1e9 { return String(format: "%.0f", value) }
    return String(format: "%.4g", value)
  }

  /// A share as a percentage with one decimal.
  static func percent(_ share: Double?) -> String {
    guard let share, share.isFinite else { return "\u{2013}" }
    return String(format: "%.1f %%", share * 100)
  }

  /// A p-value: scientific below 0.001.
  static func pValue(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "\u{2013}" }
    if value != 0 && value < 0.001 { return String(format: "%.2e", value) }
    return String(format: "%.4f", value)
  }

  /// A coordinate for SVG: two decimals, no exponent.
  static func coordinate(_ value: Double) -> String {
    fixed(value.isFinite ? value : 0, decimals: 2)
  }

  /// `value` with `decimals` (1 to 6) decimals, like `%.Nf`, by integer arithmetic: pages
  /// print tens of thousands of coordinates, and `String(format:)` costs microseconds each on
  /// Linux. Halves round away from zero (`%.Nf` rounds the binary value; the two differ only
  /// on exact binary halves, and either is stable for the same input).
  static func fixed(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    var unit: Int64 = 1
    for _ in 0..<decimals {
      scale *= 10
      unit *= 10
    }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard value.isFinite, scaled < 9e15 else {
      return String(format: "%.\(decimals)f", value)
    }
    let whole = Int64(scaled)
    let fraction = String(whole % unit)
    let sign = value.sign == .minus ? "-" : ""  // as printf: -0.001 prints -0.00
    return sign + String(whole / unit) + "."
      + String(repeating: "0", count: decimals - fraction.count) + fraction
  }
}
