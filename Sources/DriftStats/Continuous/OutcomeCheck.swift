/// Guards every outcome this folder returns: a finite statistic and a p-value in [0, 1].
enum OutcomeCheck {
  /// Builds a ``TestOutcome``, clamping the p-value to [0, 1] and refusing NaN or infinities.
  static func outcome(_ statistic: Double, _ pValue: Double, test: String) throws(StatsError)
    -> TestOutcome
  {
    guard statistic.isFinite, !pValue.isNaN else {
      throw StatsError(
        "\(test) produced a non-finite result (statistic \(statistic), p-value \(pValue)); "
          + "this is a bug, please report it with the data sizes")
    }
    return TestOutcome(statistic: statistic, pValue: min(max(pValue, 0), 1))
  }
}
