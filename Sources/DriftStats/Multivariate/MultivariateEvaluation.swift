/// Computes the domain-classifier magnitude, the contributions and the reconstruction drift.
///
/// 1. Up to `maxRows` target rows are sampled (seeded, stream 2) and encoded with the baseline's
///    encoding. The baseline side is the profile's sample (seeded, stream 1, in random order).
/// 2. Reconstruction: the target sample's mean reconstruction error against the band of
///    ``ReconstructionDrift/band(targetErrors:baselineErrors:components:sigma:)``, against the
///    baseline sample's held-out errors, both sides from the same fold components
///    (``MultivariateProfile/heldOut``).
/// 3. Classifier: both sides are cut to the same size m = min(baseline sample, target sample)
///    (balanced classes, so the natural decision threshold 0.5 needs no re-weighting); the first
///    70 % of each side's (randomly ordered) rows train a ``LogisticRegression``, the other 30 %
///    are held out. On them: ROC AUC of the log-odds, and MCC of "target when log-odds > 0"
///    (probability above 0.5). Magnitude = max(0, MCC) x 100. The classifier sees
///    ``ClassifierDesign``: the encoded columns plus second-moment columns, so a changed spread or
///    correlation is visible to a linear model, not only a shifted mean.
/// 4. Contribution of a feature. The gap between the sides' average log-odds is exactly
///    `sum_i w_i (mean_target_i - mean_baseline_i)` over the design columns i (training rows).
///    Column i's part is `|w_i (mean_target_i - mean_baseline_i)|`: its coefficient in units of
///    how far the column moved, i.e. a standardised coefficient that ignores columns which carry
///    weight only because they are collinear with others (one-hot groups). Each column's part is
///    attributed to features as ``ClassifierDesign`` says; a feature's contribution is its share
///    of the total, in percent. All 0 when the magnitude is 0: there is no drift to explain.
///
/// Fewer than ``MultivariateSettings/minimumRows`` rows on a side: nothing is computed.
public enum MultivariateEvaluation {
  /// Share of each side's rows used for training.
  public static let trainingShare = 0.7
  /// Seed stream of the target sample.
  static let targetStream: UInt64 = 2

  /// Evaluates the target's sampled rows (``TargetSample``, gathered with the same settings).
  static func run(
    profile: MultivariateProfile, sample: TargetSample, settings: MultivariateSettings
  ) -> MultivariateResult {
    let targetRows = sample.rows
    let baselineRows = profile.sample.rows
    let minimum = MultivariateSettings.minimumRows
    guard baselineRows >= minimum, targetRows >= minimum else {
      return MultivariateResult(
        note:
          "magnitude and reconstruction error need at least \(minimum) rows per side "
          + "(baseline sample \(baselineRows), target \(targetRows))")
    }
    let design = ClassifierDesign(profile: profile)
    // The target's array gets room for the training design, which is written over it (the
    // sample takes min(maxRows, rows) rows; the capacity is only room, the sizes below are
    // taken from the encoded target).
    let expected = min(baselineRows, min(max(settings.maxRows, 0), targetRows))
    let expectedTraining = Int((Double(expected) * trainingShare).rounded(.down))
    var target = profile.encoding.encode(
      sample.columns, threads: settings.threads,
      capacity: 2 * expectedTraining * design.columnCount)
    let m = min(baselineRows, target.rows)
    let training = Int((Double(m) * trainingShare).rounded(.down))
    let projected = profile.components.project(target, threads: settings.threads)
    var result = MultivariateResult()
    result.reconstruction = band(profile: profile, target: target, settings: settings)
    do {
      let baselineSide = ClassifierDesign.Side(
        encoded: profile.sample, scores: profile.sampleScores, errors: profile.sampleErrors)
      // The held-out rows first, while the target's rows are whole; the side's reference to
      // them ends with this scope, so the training design can take their array alone.
      let test: DesignMatrix
      do {
        let targetSide = ClassifierDesign.Side(
          encoded: target, scores: projected.scores, errors: projected.errors)
        test = design.stacked(
          baselineSide, targetSide, rows: training..<m, threads: settings.threads)
      }
      let train = design.stackedTraining(
        baselineSide, target: &target, scores: projected.scores, errors: projected.errors,
        rows: training)
      let classifier = try domainClassifier(
        train: consume train, test: consume test, threads: settings.threads)
      result.magnitude = classifier.magnitude
      if settings.contributions {
        result.contributions = contributions(classifier, design: design)
      }
    } catch {
      result.note = "the domain classifier could not be fitted: \(error.message)"
    }
    return result
  }

  /// The reconstruction error's band alone (no classifier): what ``run(profile:sample:settings:)``
  /// reports as `reconstruction`, for studies of the band. `nil` with fewer than
  /// ``MultivariateSettings/minimumRows`` rows on a side.
  public static func reconstruction(
    profile: MultivariateProfile, columns: [Column], settings: MultivariateSettings
  ) -> ReconstructionDrift? {
    let targetRows = columns.first?.values.count ?? 0
    let minimum = MultivariateSettings.minimumRows
    guard profile.sample.rows >= minimum, targetRows >= minimum else { return nil }
    let target = encodeTarget(profile: profile, columns: columns, settings: settings)
    return band(profile: profile, target: target, settings: settings)
  }

  /// The target's sample (seeded, stream 2), encoded with the baseline's encoding.
  static func encodeTarget(
    profile: MultivariateProfile, columns: [Column], settings: MultivariateSettings
  ) -> DesignMatrix {
    let sample = TargetSample(profile: profile, columns: columns, settings: settings)
    return profile.encoding.encode(sample.columns, threads: settings.threads)
  }

  /// The band of an encoded target against the baseline sample's held-out errors, both sides'
  /// errors from the same fold components.
  static func band(
    profile: MultivariateProfile, target: DesignMatrix, settings: MultivariateSettings
  ) -> ReconstructionDrift? {
    guard !profile.heldOut.folds.isEmpty else { return nil }
    return ReconstructionDrift.band(
      targetErrors: profile.heldOut.errors(of: target, threads: settings.threads),
      baselineErrors: profile.heldOut.errors, components: profile.components.kept,
      sigma: settings.sigma)
  }

  /// A fitted domain classifier and its held-out scores.
  struct Classifier {
    var magnitude: DriftMagnitude
    /// Intercept, then one slope per design column (0 for columns constant in training).
    var coefficients: [Double]
    /// Target mean minus baseline mean of each design column over the training rows.
    var meanShift: [Double]
  }

  /// Fits the classifier on the training rows (baseline first, then target, equal halves) and
  /// scores it on the held-out rows. Columns constant over the training rows are left out of the
  /// fit (their slope is 0 under any penalty) to save time.
  ///
  /// Both matrices are taken (`consuming`): the active columns are kept in place in their own
  /// buffers, with no second copy of the designs.
  static func domainClassifier(
    train: consuming DesignMatrix, test: consuming DesignMatrix, threads: Int?
  ) throws(StatsError) -> Classifier {
    let (std, shift) = columnSpreadAndShift(train)
    let width = train.columns
    let active = std.indices.filter { std[$0] > 0 }
    keepColumns(&train, active)
    keepColumns(&test, active)
    let model = try LogisticRegression.fit(train, labels: halves(train.rows), threads: threads)
    let scores = model.decision(test)
    let testLabels = halves(test.rows)
    // Both classes are present in the held-out rows (at least 15 rows a side).
    let auc = ClassifierScore.auc(scores: scores, labels: testLabels) ?? 0.5
    let mcc = ClassifierScore.mcc(predicted: scores.map { $0 > 0 }, labels: testLabels)
    var coefficients = [Double](repeating: 0, count: width + 1)
    coefficients[0] = model.coefficients[0]
    for (position, column) in active.enumerated() {
      coefficients[column + 1] = model.coefficients[position + 1]
    }
    return Classifier(
      magnitude: DriftMagnitude(
        magnitude: max(0, mcc) * 100, auc: auc, mcc: mcc,
        baselineRows: test.rows / 2 + train.rows / 2,
        targetRows: test.rows / 2 + train.rows / 2),
      coefficients: coefficients, meanShift: shift)
  }

  /// Per-feature shares of the standardised coefficients, in percent.
  static func contributions(_ classifier: Classifier, design: ClassifierDesign) -> [Double] {
    var weights = [Double](repeating: 0, count: design.featureCount)
    for column in 0..<design.columnCount {
      let size = abs(classifier.coefficients[column + 1] * classifier.meanShift[column])
      guard size > 0 else { continue }
      for (feature, share) in design.attribution[column] { weights[feature] += size * share }
    }
    let total = weights.reduce(0, +)
    guard classifier.magnitude.magnitude > 0, total > 0, total.isFinite else {
      return [Double](repeating: 0, count: design.featureCount)
    }
    return weights.map { $0 / total * 100 }
  }

  /// Labels of a stacked matrix: first half 0 (baseline), second half 1 (target).
  static func halves(_ rows: Int) -> [Double] {
    [Double](repeating: 0, count: rows / 2) + [Double](repeating: 1, count: rows - rows / 2)
  }

  /// Keeps only the given columns of `x` (ascending), in place.
  static func keepColumns(_ x: inout DesignMatrix, _ columns: [Int]) {
    if columns.count == x.columns { return }
    let (rows, width, kept) = (x.rows, x.columns, columns.count)
    // In place, row by row, through pointers (no bounds or uniqueness check per value): each
    // value moves to a slot at or before its own (kept <= width, and a column's position in
    // `columns` is at most the column), and every later read is further on, so nothing is
    // overwritten before it is read. The column indices are inside `x` (they come from its
    // columns' spreads). The tail is dropped; the buffer keeps its capacity.
    x.values.withUnsafeMutableBufferPointer { values in
      columns.withUnsafeBufferPointer { picked in
        var slot = 0
        for row in 0..<rows {
          let base = row * width
          for column in picked {
            values[slot] = values[base + column]
            slot += 1
          }
        }
      }
    }
    x.values.removeLast(x.values.count - rows * kept)
    x.columns = kept
  }

  /// Population standard deviation of each column of a stacked matrix, and the mean of its
  /// second half (target) minus the mean of its first half (baseline); sums run row by row.
  static func columnSpreadAndShift(_ x: DesignMatrix) -> (std: [Double], shift: [Double]) {
    let d = x.columns
    let half = x.rows / 2
    var first = [Double](repeating: 0, count: d)
    var second = [Double](repeating: 0, count: d)
    var squares = [Double](repeating: 0, count: d)
    var means = [Double](repeating: 0, count: d)
    // Through unsafe buffers: the sums add the same values in the same order (row by row, per
    // column) as indexing the arrays would, without a copy-on-write or bounds check per value.
    x.values.withUnsafeBufferPointer { values in
      first.withUnsafeMutableBufferPointer { first in
        second.withUnsafeMutableBufferPointer { second in
          for row in 0..<half {
            for column in 0..<d { first[column] += values[row * d + column] }
          }
          for row in half..<x.rows {
            for column in 0..<d { second[column] += values[row * d + column] }
          }
        }
      }
      let rows = Double(max(x.rows, 1))
      for column in 0..<d { means[column] = (first[column] + second[column]) / rows }
      means.withUnsafeBufferPointer { means in
        squares.withUnsafeMutableBufferPointer { squares in
          for row in 0..<x.rows {
            for column in 0..<d {
              let deviation = values[row * d + column] - means[column]
              squares[column] += deviation * deviation
            }
          }
        }
      }
    }
    let rows = Double(max(x.rows, 1))
    let shift = (0..<d).map {
      second[$0] / Double(max(x.rows - half, 1)) - first[$0] / Double(max(half, 1))
    }
    return (squares.map { ($0 / rows).squareRoot() }, shift)
  }
}
