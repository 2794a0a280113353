/// Untied scores read from a ``FlignerScores`` table, tied ones computed.
struct TabledFlignerScores: FlignerScoreSource {
  /// The table's scores, valid while the walk runs; `below < total` for every read.
  let scores: UnsafeBufferPointer<Double>
  /// N, as a Double.
  let total: Double

  @inline(__always)
  func untied(below: Int) -> Double {
    scores[below]
  }

  @inline(__always)
  func score(below: Int, tied: Int) -> Double {
    tied == 1 ? scores[below] : FlignerScores.score(below: below, tied: tied, total: total)
  }
}
