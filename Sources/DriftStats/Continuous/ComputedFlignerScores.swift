/// Scores computed as the walk goes (no table for this N): the untied ranks a block at a time
/// (``FlignerScores/fillUntied(from:count:total:into:)``), tied groups one by one.
struct ComputedFlignerScores: FlignerScoreSource {
  /// Room for one block of untied scores.
  let block: UnsafeMutableBufferPointer<Double>
  /// N.
  let total: Int
  /// The block holds the scores of `start ..< start + block.count` (values below).
  private var start: Int

  /// Scores for N = `total`, computed into `block` (not empty).
  init(block: UnsafeMutableBufferPointer<Double>, total: Int) {
    self.block = block
    self.total = total
    // Nothing computed yet: the first call fills the block.
    start = -block.count
  }

  @inline(__always)
  mutating func untied(below: Int) -> Double {
    if below &- start >= block.count {
      start = below
      // block is not empty (the caller's allocation): its base address exists.
      FlignerScores.fillUntied(
        from: below, count: min(block.count, total - below), total: total,
        into: block.baseAddress.unsafelyUnwrapped)
    }
    return block[below &- start]
  }

  @inline(__always)
  func score(below: Int, tied: Int) -> Double {
    FlignerScores.score(below: below, tied: tied, total: Double(total))
  }
}
