/// The three double-double sums of the Fligner-Killeen test: each side's sum of scores and the
/// sum of squared scores over both.
struct FlignerSums {
  /// The baseline's scores.
  var first = ExactSum()
  /// The target's scores.
  var second = ExactSum()
  /// Every value's squared score.
  var squares = ExactSum()
}
