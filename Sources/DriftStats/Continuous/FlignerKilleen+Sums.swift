extension FlignerKilleen {
  /// The test's three sums over the merged, ascending deviations `x` (baseline) and `y`
  /// (target), bit for bit the sums of the plain formulation (`FlignerKilleenSumTests`).
  ///
  /// Each group of equal deviations adds `count * score` to each side's sum and
  /// `tied * score * score` to the squares, as exact products; adding `0 * score` or the +0
  /// error of `1 * score` leaves a sum's bits as they are (no part of these sums is ever -0), so
  /// a side without a value in the group adds +0 or nothing, and one value adds its score.
  ///
  /// The merge of two samples of untied values goes one value a step, the side chosen by
  /// conditional moves (which side comes next is random on full-precision data: a branch there
  /// was mispredicted every other value); a step whose smaller head equals the other head or the
  /// next value of its own run falls back to a whole group, as ``TieGroups`` walks it.
  ///
  /// With a table, the squares are not added while the merge has no tie: a merge without ties
  /// takes the table's own sum (``FlignerScores/untiedSquares``), the same terms in the same
  /// order; at the first tie the sum starts from the table's sum of the ranks before it, then
  /// runs on as without a table.
  ///
  /// - Parameters:
  ///   - x: The baseline's deviations, ascending, at least 2.
  ///   - y: The target's deviations, ascending, at least 2.
  ///   - source: The scores.
  ///   - table: The table `source` reads, whose squares stand in for a tie-free merge; nil: the
  ///     squares are added from the first group.
  @inline(__always)
  static func sums<Source: FlignerScoreSource>(
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, source: Source,
    table: FlignerScores?
  ) -> FlignerSums {
    var source = source
    let n1 = x.count
    let n2 = y.count
    var sums = FlignerSums()
    var squaresOn = table == nil
    var i = 0
    var j = 0
    while i < n1 || j < n2 {
      if i + 1 < n1 && j + 1 < n2 {
        // The smaller head is a group of its own when it differs from the other head and from
        // the next value of its own run: nearly every value of full-precision data.
        let a = x[i]
        let b = y[j]
        let takeX = a < b
        let value = takeX ? a : b
        let next = takeX ? x[i + 1] : y[j + 1]
        if a != b && next != value {
          let score = source.untied(below: i + j)
          sums.first.addFast(takeX ? score : 0)
          sums.second.addFast(takeX ? 0 : score)
          // (1 * score) * score, 1 * score being score.
          if squaresOn { sums.squares.addFast(product: score, score) }
          i += takeX ? 1 : 0
          j += takeX ? 0 : 1
          continue
        }
      }
      // Any other group (tied values, or the last value of a run): TieGroups' step.
      let group = TieGroups.next(x, y, &i, &j)
      let tied = group.tied
      let below = group.below
      let score = tied == 1 ? source.untied(below: below) : source.score(below: below, tied: tied)
      add(count: group.count1, score, to: &sums.first)
      add(count: group.count2, score, to: &sums.second)
      if !squaresOn && tied > 1, let table {
        // The first tie: every group before it was a single value, ranks 1 ... below.
        sums.squares = table.squares(before: below)
        squaresOn = true
      }
      if squaresOn { sums.squares.addFast(product: Double(tied) * score, score) }
    }
    if !squaresOn, let table {
      sums.squares = table.untiedSquares
    }
    return sums
  }

  /// Adds `count * score` to `sum` with the same result as `sum.add(product:_:)`: nothing for
  /// no value (`0 * score` and its error are +0), the score for one (its error is +0), else the
  /// exact product.
  @inline(__always)
  private static func add(count: Int, _ score: Double, to sum: inout ExactSum) {
    if count == 1 {
      sum.addFast(score)
    } else if count != 0 {
      sum.addFast(product: Double(count), score)
    }
  }
}
