/// One double or a vector of doubles: the arithmetic ``NormalQuantile/centralRatio(_:)`` uses,
/// lane by lane.
protocol QuantileLanes {
  /// Every lane `value`.
  init(repeating value: Double)
  static func + (lhs: Self, rhs: Double) -> Self
  static func - (lhs: Double, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  static func / (lhs: Self, rhs: Self) -> Self
}

extension Double: QuantileLanes {
  init(repeating value: Double) { self = value }
}

extension SIMD4: QuantileLanes where Scalar == Double {}
