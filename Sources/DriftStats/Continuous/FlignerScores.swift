/// The Fligner-Killeen scores of every untied rank for one total sample size N, and the sum of
/// their squares: what every feature with the same N would otherwise compute again.
///
/// An untied value's rank is the integer `below + 1`, so its score
/// `Φ⁻¹(1/2 + rank / (2(N + 1)))` depends on its position in the merged order and on N alone:
/// on a compare of fifteen numeric features of a million rows a side the same two million scores
/// were computed fifteen times. ``score(below:tied:total:)`` is the one expression both this table
/// and the test's direct path evaluate, so a score read here has the bits the test would compute.
///
/// The sum of squared scores of a merge without ties is the same sequence of terms for every
/// feature with this N, added in the same order: ``untiedSquares`` holds that double-double sum,
/// bit for bit what the test's own chain gives. A merge with ties adds other terms after its
/// first tie; the sum of the untied terms before it restarts from the nearest of the
/// ``checkpointInterval``-spaced states of the same chain (``squares(before:)``).
///
/// 8 bytes a rank (16 MB for two million); held only while one evaluation runs
/// (``FlignerScoreCache``).
struct FlignerScores: Sendable {
  /// The total sample size N (both sides' finite values) the scores are for.
  let total: Int
  /// `scores[k]`: the score of an untied value with `k` values below it (rank `k + 1`).
  let scores: [Double]
  /// The sum of every untied rank's squared score, in rank order (a merge without ties).
  let untiedSquares: ExactSum
  /// `checkpoints[c]`: the sum of the squared scores of ranks `1 ... c * checkpointInterval`.
  private let checkpoints: [ExactSum]

  /// Ranks between two saved states of the squares' sum.
  static let checkpointInterval = 4096

  /// Computes the table for a total sample size.
  ///
  /// - Parameter total: N, at least 1.
  init(total: Int) {
    precondition(total >= 1, "a score table needs at least one rank")
    self.total = total
    var squares = ExactSum()
    var checkpoints = [ExactSum]()
    checkpoints.reserveCapacity(total / Self.checkpointInterval + 1)
    let interval = Self.checkpointInterval
    scores = [Double](unsafeUninitializedCapacity: total) { out, initialized in
      guard let base = out.baseAddress else { return }
      HugePages.advise(UnsafeMutableRawPointer(base), byteCount: out.count * 8)
      Self.fillUntied(from: 0, count: total, total: total, into: base)
      for below in 0..<total {
        if below % interval == 0 { checkpoints.append(squares) }
        // The term the test adds for an untied group: (1 * score) * score, 1 * score == score.
        squares.addFast(product: Double(1) * base[below], base[below])
      }
      initialized = total
    }
    untiedSquares = squares
    self.checkpoints = checkpoints
  }

  /// The score of a group of `tied` equal deviations with `below` smaller ones among `total`:
  /// `Φ⁻¹(1/2 + r / (2(N + 1)))` with the group's average rank `r = below + (tied + 1) / 2`.
  ///
  /// The only place the score is computed, for the table and for the test alike.
  @inline(__always)
  static func score(below: Int, tied: Int, total: Double) -> Double {
    let rank = Double(below) + Double(tied + 1) / 2
    // GSL's Φ⁻¹, bit for bit, without the call for most ranks.
    return NormalQuantile.value(0.5 + rank / (2 * (total + 1)))
  }

  /// The scores of the untied ranks `below + 1 ... below + count` of `total`, into `out`: for
  /// each, the bits of ``score(below:tied:total:)`` with `tied` 1.
  ///
  /// Four ranks at a time with vector arithmetic where all four fall in Φ⁻¹'s central region
  /// (85 % of the ranks): the same IEEE 754 operations in the same order on each lane as
  /// ``NormalQuantile/value(_:)`` on one value (`rank = below + 1`, `p = 0.5 + rank / (2(N + 1))`,
  /// `q = p - 0.5`, the two Horner polynomials in `0.180625 - q * q`, `q * (u / v)`), each
  /// correctly rounded, so each lane has the scalar bits; the other ranks one by one.
  ///
  /// - Parameters:
  ///   - below: The first rank's count of smaller values.
  ///   - count: Ranks to score.
  ///   - total: N.
  ///   - out: Room for `count` scores.
  static func fillUntied(
    from below: Int, count: Int, total: Int, into out: UnsafeMutablePointer<Double>
  ) {
    let totalValue = Double(total)
    // The expression of score(below:tied:total:), lane by lane.
    let denominator = SIMD4<Double>(repeating: 2 * (totalValue + 1))
    let half = SIMD4<Double>(repeating: Double(1 + 1) / 2)
    var k = 0
    while k + 4 <= count {
      let first = below + k
      let rank =
        SIMD4<Double>(Double(first), Double(first + 1), Double(first + 2), Double(first + 3))
        + half
      let p = 0.5 + rank / denominator
      let q = p - 0.5
      if all((q .<= 0.425) .& (q .>= -0.425)) {
        // NormalQuantile.value's central ratio, its coefficients and order, on four lanes. Kept
        // as a second text on purpose: one generic over Double and SIMD4 (tried) gives the same
        // bits in release but runs unspecialised in the debug test build, where it made
        // DecisionRuleTests 15 s slower; `blockScoresMatchGSL` pins these lanes to GSL's bits.
        let r = 0.180625 - q * q
        var u = SIMD4<Double>(repeating: 2.5090809287301226727e3)
        u = r * u + 3.3430575583588128105e4
        u = r * u + 6.7265770927008700853e4
        u = r * u + 4.5921953931549871457e4
        u = r * u + 1.3731693765509461125e4
        u = r * u + 1.9715909503065514427e3
        u = r * u + 1.3314166789178437745e2
        u = r * u + 3.3871328727963666080
        var v = SIMD4<Double>(repeating: 5.2264952788528545610e3)
        v = r * v + 2.8729085735721942674e4
        v = r * v + 3.9307895800092710610e4
        v = r * v + 2.1213794301586595867e4
        v = r * v + 5.3941960214247511077e3
        v = r * v + 6.8718700749205790830e2
        v = r * v + 4.2313330701600911252e1
        v = r * v + 1.0
        let score = q * (u / v)
        out[k] = score[0]
        out[k + 1] = score[1]
        out[k + 2] = score[2]
        out[k + 3] = score[3]
      } else {
        for lane in 0..<4 { out[k + lane] = NormalQuantile.value(p[lane]) }
      }
      k += 4
    }
    while k < count {
      out[k] = score(below: below + k, tied: 1, total: totalValue)
      k += 1
    }
  }

  /// The sum of the squared scores of ranks `1 ... count` (the untied groups before a merge's
  /// first tie), bit for bit the test's chain over those groups.
  ///
  /// - Parameter count: Untied ranks summed, `0 ... total`.
  func squares(before count: Int) -> ExactSum {
    precondition(count >= 0 && count <= total, "rank count \(count) outside 0...\(total)")
    let checkpoint = count / Self.checkpointInterval
    guard checkpoint < checkpoints.count else { return untiedSquares }
    var sum = checkpoints[checkpoint]
    scores.withUnsafeBufferPointer { scores in
      for below in (checkpoint * Self.checkpointInterval)..<count {
        sum.addFast(product: Double(1) * scores[below], scores[below])
      }
    }
    return sum
  }
}
