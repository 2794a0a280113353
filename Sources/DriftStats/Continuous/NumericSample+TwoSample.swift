extension NumericSample {
  /// Throws unless both samples hold at least `minimum` finite values.
  ///
  /// - Parameters:
  ///   - baseline: The reference sample.
  ///   - target: The sample compared with the baseline.
  ///   - minimum: The fewest finite values each side needs.
  ///   - test: The test's name, used in the message.
  static func requireTwoSamples(
    _ baseline: NumericSample, _ target: NumericSample, minimum: Int = 1, test: String
  ) throws(StatsError) {
    guard baseline.count >= 1, target.count >= 1 else {
      throw StatsError(
        "\(test) needs at least one finite value in both baseline and target "
          + "(baseline has \(baseline.count), target has \(target.count)); "
          + "check that the feature is not entirely missing in the window")
    }
    guard baseline.count >= minimum, target.count >= minimum else {
      throw StatsError(
        "\(test) needs at least \(minimum) finite values in both baseline and target "
          + "(baseline has \(baseline.count), target has \(target.count)); "
          + "use a longer window or the ks test for tiny samples")
    }
  }
}
