extension MultivariateEvaluation {
  /// The target rows the data-set-wide measures use (seeded, stream 2), gathered from the
  /// target's columns in file order with the baseline's encoding, and the target's row count.
  ///
  /// Gathered before the features are tested, so that each numeric column can then be sorted in
  /// its own array (``Evaluator/evaluate(profile:taking:settings:)``): the measures need the
  /// rows as they were read, the tests only the sorted values.
  struct TargetSample: Sendable {
    /// Rows in the whole target.
    var rows: Int
    /// The sampled rows before encoding, one column per feature, in sample order.
    var columns: [RawSampleColumn]

    /// Samples `columns` (the target's compared columns, in the profile's feature order).
    init(
      profile: MultivariateProfile, columns: borrowing [Column], settings: MultivariateSettings
    ) {
      rows = columns.first?.values.count ?? 0
      var generator = SeededGenerator(seed: settings.seed, stream: targetStream)
      let indices = generator.sample(population: rows, count: settings.maxRows)
      self.columns = profile.encoding.raw(columns: columns, indices: indices)
    }
  }
}
